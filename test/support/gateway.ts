import type { Client } from '@temporalio/client';
import { BusinessConfig } from '../../db/entities/index.ts';
import type { EventBus } from '../../db/event-bus.ts';
import type { Orm } from '../../db/orm.ts';
import { buildApp } from '../../gateway/app.ts';
import { connectGatewayDeps } from '../../gateway/compose.ts';
import type { Config } from '../../lib/config.ts';
import { createLogger } from '../../lib/logger.ts';

export interface TestGateway {
  url: string;
  orm: Orm;
  temporal: Client;
  events: EventBus;
  stop(): Promise<void>;
}

/** The gateway built in-process with real Postgres, Temporal and Weaviate behind it. */
export async function startGateway(config: Config): Promise<TestGateway> {
  const { deps, close } = await connectGatewayDeps(config, createLogger('gateway-test', 'warn'));
  const app = buildApp(deps);
  const url = await app.start();
  return {
    url,
    orm: deps.orm,
    temporal: deps.temporal,
    events: deps.events,
    stop: async () => {
      await app.stop();
      await close();
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
