/** The gateway process: GraphQL API, graphql-ws subscriptions, health, and the console. */
import { Client, Connection } from '@temporalio/client';
import { EventBus } from '../db/event-bus.ts';
import { openOrm } from '../db/orm.ts';
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { runMain, stopOnSignals } from '../lib/lifecycle.ts';
import { createLogger } from '../lib/logger.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import { buildApp } from './app.ts';
import { createHealthCheck } from './health.ts';

runMain(
  () => createLogger('gateway'),
  async () => {
    loadDotEnv();
    const config = loadConfig();
    const logger = createLogger('gateway', config.logLevel);
    const orm = await openOrm(config.database.url, config.database.poolMax);
    const connection = await Connection.connect({ address: config.temporal.address });
    const temporal = new Client({ connection, namespace: config.temporal.namespace });
    const events = await EventBus.connect(config.database.url, logger);
    const weaviate = await connectWeaviate(config.weaviate);
    const app = buildApp({
      config,
      logger,
      orm,
      temporal,
      events,
      health: createHealthCheck({ orm, temporal: connection, weaviate }),
    });
    const url = await app.start();
    logger.info({ url, graphql: `${url}/graphql` }, 'gateway listening');
    stopOnSignals(logger, async () => {
      await app.stop();
      await events.close();
      await weaviate.close();
      await connection.close();
      await orm.close();
    });
  },
);
