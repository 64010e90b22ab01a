import { Client, Connection } from '@temporalio/client';
import { BusinessConfig } from '../../db/entities/index.ts';
import { EventBus } from '../../db/event-bus.ts';
import type { Orm } from '../../db/orm.ts';
import { openOrm } from '../../db/orm.ts';
import { buildApp } from '../../gateway/app.ts';
import { createHealthCheck } from '../../gateway/health.ts';
import type { Config } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';
import { connectWeaviate } from '../../lib/weaviate.ts';

export interface TestGateway {
  url: string;
  orm: Orm;
  temporal: Client;
  events: EventBus;
  stop(): Promise<void>;
}

/** The gateway built in-process with real Postgres, Temporal and Weaviate behind it. */
export async function startGateway(config: Config): Promise<TestGateway> {
  const logger = createLogger('gateway-test', 'warn');
  const orm = await openOrm(config.database.url, 4);
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
  return {
    url,
    orm,
    temporal,
    events,
    stop: async () => {
      await app.stop();
      await events.close();
      await weaviate.close();
      await connection.close();
      await orm.close();
    },
  };
}

/** A business of the test's own, so tests never see each other's data. */
export async function createBusiness(orm: Orm, name: string, phoneNumbers = ['+15005550006']) {
  const em = orm.em.fork();
  const business = em.create(BusinessConfig, {
    name: `${name} ${crypto.randomUUID().slice(0, 8)}`,
    phoneNumbers,
    systemPrompt: 'You are a test assistant.',
  });
  await em.flush();
  return business;
}
