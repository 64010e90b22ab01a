/** The worker process: every workflow, and the activities that talk to Postgres and friends. */
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { startAnalyticsCompactor } from './activities/analytics-compactor.ts';
import { createActivities } from './activities/index.ts';
import { knowledgeReindexStarter, startStaleReindexes } from './activities/knowledge.ts';
import { createWorkerMetrics, serveWorkerMetrics } from './activities/metrics.ts';
import { twilioAccounts } from './activities/twilio-accounts.ts';
import { WebhookDispatcher } from './activities/webhook-dispatcher.ts';
import { OrganizationClients } from './db/credentials.ts';
import { EventBus } from './db/event-bus.ts';
import { openOrm } from './db/orm.ts';
import { temporalDataConverter } from './db/workflow-owners.ts';
import { embedderFor } from './knowledge/embedder.ts';
import { createKnowledgeStore } from './knowledge/store.ts';
import { loadConfig, loadDotEnv } from './lib/config.ts';
import { Encryption } from './lib/encryption.ts';
import { checkAll } from './lib/health.ts';
import { runMain, stopOnSignals } from './lib/lifecycle.ts';
import { createLogger } from './lib/logger.ts';
import { CHAT_CLIENT_OPTIONS } from './lib/openai.ts';
import { installTemporalRuntime } from './lib/temporal.ts';
import { connectWeaviate } from './lib/weaviate.ts';

runMain(
  () => createLogger('worker'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const logger = createLogger('worker', config.logLevel);
    const { metricsHost, metricsPort, temporalMetricsPort } = config.worker;
    installTemporalRuntime(logger, {
      ...(temporalMetricsPort && { prometheusBindAddress: `${metricsHost}:${temporalMetricsPort}` }),
    });
    const orm = await openOrm(config.database.url, config.database.poolMax);
    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const weaviate = await connectWeaviate(config.weaviate);
    // Twilio, OpenAI and SMTP clients per organisation: its own credentials, or the platform's.
    const encryption = new Encryption(config.encryption.keys);
    const clients = new OrganizationClients({ orm, encryption, config, openAiOptions: CHAT_CLIENT_OPTIONS });
    const knowledge = createKnowledgeStore(weaviate, embedderFor(config));
    const dataConverter = temporalDataConverter(orm, encryption);
    const clientConnection = await Connection.connect({ address: config.temporal.address });
    const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter });
    const metrics = createWorkerMetrics();
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
      dataConverter,
      workflowsPath: fileURLToPath(new URL('./workflows/index.ts', import.meta.url)),
      // A worker that died must not hold its calls' next tasks for the default 10 s.
      stickyQueueScheduleToStartTimeout: config.temporal.stickyQueueTimeoutMs,
      activities: createActivities({
        orm,
        config,
        twilioAccounts: twilioAccounts(orm, clients),
        knowledge,
        mailers: async (organizationId) => metrics.counted((await clients.mail(organizationId)).mailer),
        chatFor: async (organizationId) => (await clients.openai(organizationId)).client,
        encryption,
        temporal: client,
        metrics,
      }),
    });
    // Webhook deliveries recorded in the outbox get their workflows from here.
    const bus = await EventBus.connect(config.database.url, logger);
    const dispatcher = new WebhookDispatcher({
      orm,
      bus,
      temporal: client,
      taskQueue: config.temporal.taskQueue,
      retry: config.webhooks.retry,
      logger,
    });
    const running = worker.run();
    dispatcher.start();
    // Analytics differences fold into the rollup (and its local days) here.
    const compactor = startAnalyticsCompactor({
      orm,
      intervalSeconds: config.analytics.compactIntervalSeconds,
      logger,
    });
    const metricsServer = metricsPort
      ? await serveWorkerMetrics(
          metrics,
          () =>
            checkAll(
              {
                postgres: () => orm.em.fork().execute('select 1'),
                temporal: () => clientConnection.workflowService.getSystemInfo({}),
                weaviate: () => weaviate.isReady(),
              },
              2_000,
            ),
          metricsHost,
          metricsPort,
        )
      : undefined;
    // Chunks embedded by another embedder than the configured one are re-embedded in the background.
    startStaleReindexes({
      orm,
      knowledge,
      start: knowledgeReindexStarter(client, config.temporal.taskQueue),
    }).then(
      (started) => started.length && logger.info({ businesses: started }, 'knowledge reindex started'),
      (error: unknown) => logger.error({ err: error }, 'could not check knowledge for a reindex'),
    );
    stopOnSignals(logger, async () => {
      metricsServer?.server.close();
      await dispatcher.stop();
      await compactor.stop();
      worker.shutdown();
      await running;
      await bus.close();
      await clientConnection.close();
      await connection.close();
      await orm.close();
      await weaviate.close();
      clients.close();
    });
    logger.info(
      {
        taskQueue: config.temporal.taskQueue,
        temporal: config.temporal.address,
        metricsPort: metricsServer?.port ?? null,
        temporalMetricsPort: temporalMetricsPort || null,
      },
      'worker started',
    );
    await running;
  },
);
