/** The worker process: every workflow, and the activities that talk to Postgres and friends. */
import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker } from '@temporalio/worker';
import { createActivities } from './activities/index.ts';
import { openOrm } from './db/orm.ts';
import { embedderFor } from './knowledge/embedder.ts';
import { createKnowledgeStore } from './knowledge/store.ts';
import { loadConfig, loadDotEnv } from './lib/config.ts';
import { runMain, stopOnSignals } from './lib/lifecycle.ts';
import { createLogger } from './lib/logger.ts';
import { createMailer } from './lib/mailer.ts';
import { CHAT_CLIENT_OPTIONS, openAiClientFor } from './lib/openai.ts';
import { installTemporalRuntime } from './lib/temporal.ts';
import { createTwilioClient } from './lib/twilio.ts';
import { connectWeaviate } from './lib/weaviate.ts';

runMain(
  () => createLogger('worker'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const logger = createLogger('worker', config.logLevel);
    installTemporalRuntime(logger);
    const orm = await openOrm(config.database.url, config.database.poolMax);
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const weaviate = await connectWeaviate(config.weaviate);
    const mailer = createMailer(config.mail);
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
      // A worker that died must not hold its calls' next tasks for the default 10 s.
      stickyQueueScheduleToStartTimeout: config.temporal.stickyQueueTimeoutMs,
      activities: createActivities({
        orm,
        config,
        twilio: createTwilioClient(config.twilio),
        knowledge: createKnowledgeStore(weaviate, embedderFor(config)),
        mailer,
        chat: openAiClientFor(config.openai, CHAT_CLIENT_OPTIONS),
      }),
    });
    const running = worker.run();
    stopOnSignals(logger, async () => {
      worker.shutdown();
      await running;
      await connection.close();
      await orm.close();
      await weaviate.close();
      mailer.close();
    });
    logger.info({ taskQueue: config.temporal.taskQueue, temporal: config.temporal.address }, 'worker started');
    await running;
  },
);
