/** The bridge process: Twilio Media Streams in, one Realtime session per call, its own task queue. */
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { OrganizationClients } from '../db/credentials.ts';
import { openOrm } from '../db/orm.ts';
import { temporalDataConverter } from '../db/workflow-owners.ts';
import { embedderFor } from '../knowledge/embedder.ts';
import { createKnowledgeStore } from '../knowledge/store.ts';
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { Encryption } from '../lib/encryption.ts';
import { runMain, stopOnSignals } from '../lib/lifecycle.ts';
import { createLogger } from '../lib/logger.ts';
import { openAiCa, openAiClientFor } from '../lib/openai.ts';
import { installTemporalRuntime } from '../lib/temporal.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import { bridgeTaskQueue } from '../workflows/definitions/bridge.ts';
import { createBridgeActivities } from './activities.ts';
import { createMediaServer } from './media-server.ts';
import { BridgeMetrics } from './metrics.ts';

runMain(
  () => createLogger('bridge'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const { instanceId } = config.bridge;
    const logger = createLogger('bridge', config.logLevel).child({ instanceId });
    installTemporalRuntime(logger);
    const orm = await openOrm(config.database.url, config.database.poolMax);
    const encryption = new Encryption(config.encryption.keys);
    const dataConverter = temporalDataConverter(orm, encryption);
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    const temporal = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter });
    const openai = openAiClientFor(config.openai);
    const organizationClients = new OrganizationClients({ orm, encryption, config });
    const weaviate = await connectWeaviate(config.weaviate);
    const metrics = new BridgeMetrics();
    const media = createMediaServer({
      host: config.bridge.host,
      port: config.bridge.port,
      instanceId,
      logger,
      jwtSecret: config.auth.jwtSecret,
      twilioAuthToken: async (callId) =>
        (callId ? await organizationClients.twilioForCall(callId) : organizationClients.platformTwilio()).authToken,
      advertiseUrl: config.bridge.advertiseUrl,
      session: {
        instanceId,
        advertiseUrl: config.bridge.advertiseUrl,
        orm,
        temporal,
        encryption,
        openai: {
          client: openai,
          model: config.openai.realtimeModel,
          ca: openAiCa(config.openai),
          appendFrames: config.bridge.appendFrames,
        },
        openAiClientFor: async (organizationId) => (await organizationClients.openai(organizationId)).client,
        knowledge: createKnowledgeStore(weaviate, embedderFor(config)),
        toolTimeoutMs: config.bridge.toolTimeoutMs,
        rolloverMs: config.bridge.rolloverSeconds * 1000,
        metrics,
      },
    });
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const taskQueue = bridgeTaskQueue(instanceId);
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue,
      dataConverter,
      activities: createBridgeActivities({ instanceId, sessions: media.sessions }),
    });
    const running = worker.run();
    const url = await media.start();
    logger.info({ url, taskQueue, realtime: config.openai.baseUrl ?? 'openai' }, 'bridge listening');
    stopOnSignals(logger, async () => {
      await media.stop();
      worker.shutdown();
      await running;
      await connection.close();
      await clientConnection.close();
      await orm.close();
      await weaviate.close();
    });
    await running;
  },
);
