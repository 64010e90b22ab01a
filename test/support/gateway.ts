import type { Client } from '@temporalio/client';
import type { EventBus } from '../../db/event-bus.ts';
import type { Orm } from '../../db/orm.ts';
import { buildApp } from '../../gateway/app.ts';
import { connectGatewayDeps } from '../../gateway/compose.ts';
import type { Config } from '../../lib/config.ts';
import type { Encryption } from '../../lib/encryption.ts';
import { createLogger } from '../../lib/logger.ts';

export interface TestGateway {
  url: string;
  orm: Orm;
  temporal: Client;
  events: EventBus;
  /** The gateway's encryption (the test environment's master keys). */
  encryption: Encryption;
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
    encryption: deps.encryption,
    stop: async () => {
      await app.stop();
      await close();
    },
  };
}
