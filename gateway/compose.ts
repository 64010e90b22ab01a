import { Client, Connection } from '@temporalio/client';
import { OrganizationClients } from '../db/credentials.ts';
import { EventBus } from '../db/event-bus.ts';
import { openOrm } from '../db/orm.ts';
import { temporalDataConverter } from '../db/workflow-owners.ts';
import { embedderFor } from '../knowledge/embedder.ts';
import { createKnowledgeStore } from '../knowledge/store.ts';
import type { Config } from '../lib/config.ts';
import { Encryption } from '../lib/encryption.ts';
import type { Logger } from '../lib/logger.ts';
import { createMailer } from '../lib/mailer.ts';
import { connectWeaviate } from '../lib/weaviate.ts';
import type { GatewayDeps } from './app.ts';
import { AuthService } from './auth.ts';
import { createHealthCheck } from './health.ts';
import { RateLimiter } from './rate-limit.ts';

/** Opens every client the gateway needs; `close` releases them in reverse order. */
export async function connectGatewayDeps(
  config: Config,
  logger: Logger,
): Promise<{ deps: GatewayDeps; close: () => Promise<void> }> {
  const orm = await openOrm(config.database.url, config.database.poolMax);
  const encryption = new Encryption(config.encryption.keys);
  const connection = await Connection.connect({ address: config.temporal.address });
  const dataConverter = temporalDataConverter(orm, encryption);
  const temporal = new Client({ connection, namespace: config.temporal.namespace, dataConverter });
  const events = await EventBus.connect(config.database.url, logger);
  const weaviate = await connectWeaviate(config.weaviate);
  const mailer = createMailer(config.mail);
  const clients = new OrganizationClients({ orm, encryption, config });
  return {
    deps: {
      config,
      logger,
      orm,
      temporal,
      events,
      authService: new AuthService({ orm, config, mailer, logger }),
      limiter: new RateLimiter(orm),
      health: createHealthCheck({ orm, temporal: connection, weaviate }),
      knowledge: createKnowledgeStore(weaviate, embedderFor(config)),
      encryption,
      codec: dataConverter.payloadCodecs[0],
      clients,
      weaviate,
    },
    close: async () => {
      mailer.close();
      clients.close();
      await events.close();
      await weaviate.close();
      await connection.close();
      await orm.close();
    },
  };
}
