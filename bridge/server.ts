/** The bridge process: Twilio Media Streams in, one Realtime session per call, its own task queue. */
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { runMain, stopOnSignals } from '../lib/lifecycle.ts';
import { createLogger } from '../lib/logger.ts';
import { installTemporalRuntime } from '../lib/temporal.ts';
import { bridgeTaskQueue } from '../workflows/shared.ts';
import { createBridgeActivities } from './activities.ts';
import { createMediaServer } from './media-server.ts';

runMain(
  () => createLogger('bridge'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const { instanceId } = config.bridge;
    const logger = createLogger('bridge', config.logLevel).child({ instanceId });
    installTemporalRuntime(logger);
    const media = createMediaServer({ host: config.bridge.host, port: config.bridge.port, instanceId, logger });
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const taskQueue = bridgeTaskQueue(instanceId);
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue,
      activities: createBridgeActivities({ instanceId, sessions: media.sessions }),
    });
    const running = worker.run();
    const url = await media.start();
    logger.info({ url, taskQueue }, 'bridge listening');
    stopOnSignals(logger, async () => {
      await media.stop();
      worker.shutdown();
      await running;
      await connection.close();
    });
    await running;
  },
);
