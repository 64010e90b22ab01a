/**
 * npm run db:seed — the demo organisation, its business (knowledge base, human agents, handoff number,
 * voicemail; see ./demo.ts) and its first admin. Safe to run again: what exists is left as it is.
 *
 * The admin is SEED_ADMIN_EMAIL (default admin@acme.example) with SEED_ADMIN_PASSWORD; without a
 * password one is generated and printed once. Knowledge is ingested by the worker once it runs.
 */
import { Client, Connection } from '@temporalio/client';
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { Encryption } from '../lib/encryption.ts';
import { randomToken } from '../lib/secrets.ts';
import { seedDemo } from './demo.ts';
import { openOrm } from './orm.ts';
import { temporalDataConverter } from './workflow-owners.ts';

loadDotEnv();
const config = loadConfig();
const orm = await openOrm(config.database.url, 2);
const connection = await Connection.connect({ address: config.temporal.address });
try {
  const dataConverter = temporalDataConverter(orm, new Encryption(config.encryption.keys));
  await seedDemo(orm, new Client({ connection, namespace: config.temporal.namespace, dataConverter }), config, {
    adminEmail: process.env.SEED_ADMIN_EMAIL || undefined,
    adminPassword: process.env.SEED_ADMIN_PASSWORD || undefined,
    generatePassword: () => randomToken(15),
    log: (line) => console.log(line),
  });
} finally {
  await connection.close();
  await orm.close();
}
