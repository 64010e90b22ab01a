/**
 * npm run secrets:rotate — re-seals every organisation's secrets (credentials and webhook signing
 * secrets), kept transcript originals, call extractions (sealing those written before they were),
 * sensitive call notes, campaign contacts'
 * variables and sealed webhook event bodies under the current master key (the first of ENCRYPTION_KEYS).
 * Rotating a master key: put the new key first and keep the old one after it, run this, then remove
 * the old key. Safe to run again: values already under the current key are left alone; each secret is
 * re-sealed in its own transaction and its version moves on, so every process picks up the re-sealed
 * value; originals go in batches of 500 lines.
 */
import { loadConfig, loadDotEnv } from '../lib/config.ts';
import { Encryption } from '../lib/encryption.ts';
import { rotateSecrets } from './credentials.ts';
import { openOrm } from './orm.ts';
import { resealCallNotes, resealContactVariables, resealExtractions, resealWebhookEvents } from './sealed-columns.ts';
import { resealTranscriptOriginals } from './transcript-originals.ts';
import { resealWebhookSecrets } from './webhooks.ts';

loadDotEnv();
const config = loadConfig();
const orm = await openOrm(config.database.url, 2);
try {
  const encryption = new Encryption(config.encryption.keys);
  const { resealed, current, failed } = await rotateSecrets(orm, encryption);
  console.log(`re-sealed ${resealed} secret(s) under key ${encryption.currentKeyId}; ${current} already were`);
  for (const row of failed)
    console.error(`could not re-seal credential ${row.id} of organisation ${row.organizationId}: ${row.reason}`);
  const webhooks = await resealWebhookSecrets(orm, encryption);
  console.log(`re-sealed ${webhooks.resealed} webhook signing secret(s)`);
  for (const row of webhooks.failed)
    console.error(`could not re-seal webhook endpoint ${row.id} of organisation ${row.organizationId}: ${row.reason}`);
  const originals = await resealTranscriptOriginals(orm, encryption);
  console.log(`re-sealed ${originals.resealed} kept transcript original(s)`);
  for (const row of originals.failed)
    console.error(
      `could not re-seal transcript line ${row.lineId} of organisation ${row.organizationId}: ${row.reason}`,
    );
  const extractions = await resealExtractions(orm, encryption);
  console.log(`sealed ${extractions.resealed} call extraction(s), re-indexing their identifiers`);
  const notes = await resealCallNotes(orm, encryption);
  console.log(`re-sealed ${notes.resealed} sensitive call note(s)`);
  const contacts = await resealContactVariables(orm, encryption);
  console.log(`sealed ${contacts.resealed} campaign contact(s)' variables, re-indexing their identifiers`);
  const events = await resealWebhookEvents(orm, encryption);
  console.log(`re-sealed ${events.resealed} webhook event body(ies)`);
  for (const [what, rows] of [
    ['call analysis', extractions.failed],
    ['call note', notes.failed],
    ['campaign contact', contacts.failed],
    ['webhook event', events.failed],
  ] as const)
    for (const row of rows)
      console.error(`could not re-seal ${what} ${row.id} of organisation ${row.organizationId}: ${row.reason}`);
  if (
    failed.length ||
    webhooks.failed.length ||
    originals.failed.length ||
    extractions.failed.length ||
    notes.failed.length ||
    contacts.failed.length ||
    events.failed.length
  )
    process.exitCode = 1;
} finally {
  await orm.close();
}
