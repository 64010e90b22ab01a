/**
 * Columns of personal data sealed at rest with the organisation's key (lib/encryption.ts), each with
 * a blind index of the emails and phone numbers in it: a call's extraction (the name, birth date,
 * employers… a caller gave). Code opens them where a user with the right to see them reads them;
 * Postgres holds ciphertext and HMAC digests only, and finds a person's rows by the digests.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Encryption } from '../lib/encryption.ts';
import { personalIdentifiersIn } from '../lib/personal-identifiers.ts';
import type { CallAnalysis, StoredExtraction } from './entities/index.ts';
import type { Orm } from './orm.ts';
import { webhookEventPurpose } from './webhooks.ts';

/** A row `secrets:rotate` could not re-seal (its value does not open with the configured keys). */
export interface SealedRowFailure {
  id: string;
  organizationId: string;
  reason: string;
}

/** What a call's sealed extraction is bound to: it opens for that call alone. */
export const extractionPurpose = (callId: string): string => `extraction:${callId}`;

/** A value sealed for the organisation under `purpose`, and the blind index of the identifiers in `about`. */
function sealIndexed(
  encryption: Encryption,
  organizationId: string,
  purpose: string,
  plaintext: string,
  about: unknown,
): { sealed: string; identifierDigests: string[] } {
  return {
    sealed: encryption.seal(organizationId, purpose, plaintext),
    identifierDigests: personalIdentifiersIn(about).map((id) => encryption.blindIndex(organizationId, id)),
  };
}

/** The extraction sealed for the organisation, and the blind index of the identifiers in it. */
export function sealExtraction(
  encryption: Encryption,
  organizationId: string,
  callId: string,
  extraction: StoredExtraction,
): { sealedExtraction: string; identifierDigests: string[] } {
  const { sealed, identifierDigests } = sealIndexed(
    encryption,
    organizationId,
    extractionPurpose(callId),
    JSON.stringify(extraction),
    extraction,
  );
  return { sealedExtraction: sealed, identifierDigests };
}

/** A call analysis's extraction: opened when sealed, as stored when written before extractions were sealed. */
export function openExtraction(
  encryption: Encryption,
  row: {
    organizationId: string;
    callId: string;
    extraction: StoredExtraction | null;
    sealedExtraction: string | null;
  },
): StoredExtraction | null {
  if (row.sealedExtraction)
    return JSON.parse(
      encryption.open(row.organizationId, extractionPurpose(row.callId), row.sealedExtraction),
    ) as StoredExtraction;
  return row.extraction;
}

/** `openExtraction` of an analysis entity. */
export const extractionOfAnalysis = (
  encryption: Encryption,
  analysis: Pick<CallAnalysis, 'organization' | 'call' | 'extraction' | 'sealedExtraction'>,
): StoredExtraction | null =>
  openExtraction(encryption, {
    organizationId: analysis.organization.id,
    callId: analysis.call.id,
    extraction: analysis.extraction ?? null,
    sealedExtraction: analysis.sealedExtraction ?? null,
  });

/** What a sensitive note's sealed body is bound to. */
export const callNotePurpose = (noteId: string): string => `call-note:${noteId}`;

/** A note's body sealed for the organisation, and the blind index of the identifiers in it. */
export function sealNoteBody(
  encryption: Encryption,
  organizationId: string,
  noteId: string,
  body: string,
): { sealedBody: string; identifierDigests: string[] } {
  const { sealed, identifierDigests } = sealIndexed(encryption, organizationId, callNotePurpose(noteId), body, body);
  return { sealedBody: sealed, identifierDigests };
}

/** A note's body: opened when it is sealed. */
export function noteBodyOf(
  encryption: Encryption,
  organizationId: string,
  note: { id: string; body?: string | null; sealedBody?: string | null },
): string {
  if (note.sealedBody) return encryption.open(organizationId, callNotePurpose(note.id), note.sealedBody);
  return note.body ?? '';
}

/**
 * What a contact's sealed variables are bound to: its campaign and number (known before the row is,
 * so a batch that adds and one that merges into the same contact seal alike).
 */
export const contactVariablesPurpose = (campaignId: string, phoneNumber: string): string =>
  `contact-variables:${campaignId}:${phoneNumber}`;

/** A contact's variables sealed for the organisation, and the blind index of the identifiers among them. */
export function sealContactVariables(
  encryption: Encryption,
  organizationId: string,
  contact: { campaignId: string; phoneNumber: string },
  variables: Record<string, string>,
): { sealedVariables: string; identifierDigests: string[] } {
  const { sealed, identifierDigests } = sealIndexed(
    encryption,
    organizationId,
    contactVariablesPurpose(contact.campaignId, contact.phoneNumber),
    JSON.stringify(variables),
    variables,
  );
  return { sealedVariables: sealed, identifierDigests };
}

/** A contact's variables: opened when sealed, as stored when added before variables were sealed. */
export function contactVariablesOf(
  encryption: Encryption,
  organizationId: string,
  contact: {
    campaignId: string;
    phoneNumber: string;
    variables?: Record<string, string> | null;
    sealedVariables?: string | null;
  },
): Record<string, string> {
  if (!contact.sealedVariables) return contact.variables ?? {};
  const purpose = contactVariablesPurpose(contact.campaignId, contact.phoneNumber);
  return JSON.parse(encryption.open(organizationId, purpose, contact.sealedVariables)) as Record<string, string>;
}

/**
 * Goes through a table `batchSize` rows per transaction (rows locked, by id), re-sealing each row
 * `select` finds with `reseal`: what `secrets:rotate` does for each sealed column. A row whose value
 * does not open is reported and left as it is.
 */
export async function resealInBatches<Row extends { id: string; organization_id: string }, Update>(
  orm: Orm,
  batchSize: number,
  /**
   * The rows to re-seal (`where …`, to which `and <id> > …` is added), the lowest id's lower bound,
   * and the id column's name when the statement joins (`id` otherwise).
   */
  select: { sql: string; params: unknown[]; before: string; idColumn?: string },
  reseal: (row: Row) => Update | null,
  write: (tx: EntityManager, updates: Update[]) => Promise<unknown>,
): Promise<{ resealed: number; failed: SealedRowFailure[] }> {
  const failed: SealedRowFailure[] = [];
  let resealed = 0;
  let after = select.before;
  for (;;) {
    const batch = await orm.em.fork().transactional(async (tx) => {
      const id = select.idColumn ?? 'id';
      // Only the re-sealed table's rows are locked, not those it joins.
      const lock = select.idColumn ? `for update of ${select.idColumn.split('.')[0]}` : 'for update';
      const rows = await tx.execute<Row[]>(`${select.sql} and ${id} > ? order by ${id} limit ? ${lock}`, [
        ...select.params,
        after,
        batchSize,
      ]);
      const updates: Update[] = [];
      for (const row of rows) {
        try {
          const update = reseal(row);
          if (update) updates.push(update);
        } catch (error) {
          failed.push({ id: row.id, organizationId: row.organization_id, reason: (error as Error).message });
        }
      }
      if (updates.length) await write(tx, updates);
      resealed += updates.length;
      return rows;
    });
    if (batch.length < batchSize) break;
    after = (batch.at(-1) as Row).id;
  }
  return { resealed, failed };
}

/**
 * Seals, under the current master key, every extraction that is not: those sealed under an older
 * key and those written in plaintext before extractions were sealed, re-indexing each one's
 * identifiers under the current key. Safe to run again.
 */
export function resealExtractions(orm: Orm, encryption: Encryption, batchSize = 500) {
  type Row = {
    id: string;
    call_id: string;
    organization_id: string;
    extraction: StoredExtraction | null;
    sealed_extraction: string | null;
  };
  return resealInBatches<Row, { id: string; sealed: string; digests: string[] }>(
    orm,
    batchSize,
    {
      sql: `select id, call_id, organization_id, extraction, sealed_extraction from call_analysis
            where ((sealed_extraction is not null and not starts_with(sealed_extraction, ?))
                   or (sealed_extraction is null and extraction is not null))`,
      params: [`v1:${encryption.currentKeyId}:`],
      before: '00000000-0000-0000-0000-000000000000',
    },
    (row) => {
      const extraction = openExtraction(encryption, {
        organizationId: row.organization_id,
        callId: row.call_id,
        extraction: row.extraction,
        sealedExtraction: row.sealed_extraction,
      });
      if (!extraction) return null;
      const sealed = sealExtraction(encryption, row.organization_id, row.call_id, extraction);
      return { id: row.id, sealed: sealed.sealedExtraction, digests: sealed.identifierDigests };
    },
    (tx, updates) =>
      tx.execute(
        `update call_analysis a set sealed_extraction = v.sealed, extraction = null,
           identifier_digests = array(select jsonb_array_elements_text(v.digests))
         from jsonb_to_recordset(?::jsonb) as v(id uuid, sealed text, digests jsonb) where a.id = v.id`,
        [JSON.stringify(updates)],
      ),
  );
}

/** Re-seals, under the current master key, every sensitive note not under it, re-indexing its identifiers. */
export function resealCallNotes(orm: Orm, encryption: Encryption, batchSize = 500) {
  type Row = { id: string; organization_id: string; sealed_body: string };
  return resealInBatches<Row, { id: string; sealed: string; digests: string[] }>(
    orm,
    batchSize,
    {
      sql: `select n.id, c.organization_id, n.sealed_body from call_note n join call c on c.id = n.call_id
            where n.sealed_body is not null and not starts_with(n.sealed_body, ?)`,
      params: [`v1:${encryption.currentKeyId}:`],
      before: '00000000-0000-0000-0000-000000000000',
      idColumn: 'n.id',
    },
    (row) => {
      const body = noteBodyOf(encryption, row.organization_id, { id: row.id, sealedBody: row.sealed_body });
      const sealed = sealNoteBody(encryption, row.organization_id, row.id, body);
      return { id: row.id, sealed: sealed.sealedBody, digests: sealed.identifierDigests };
    },
    (tx, updates) =>
      tx.execute(
        `update call_note n set sealed_body = v.sealed,
           identifier_digests = array(select jsonb_array_elements_text(v.digests))
         from jsonb_to_recordset(?::jsonb) as v(id uuid, sealed text, digests jsonb) where n.id = v.id`,
        [JSON.stringify(updates)],
      ),
  );
}

/**
 * Seals, under the current master key, every contact's variables that are not: sealed under an older
 * key, or held in plaintext from before variables were sealed; re-indexing their identifiers.
 */
export function resealContactVariables(orm: Orm, encryption: Encryption, batchSize = 500) {
  type Row = {
    id: string;
    organization_id: string;
    campaign_id: string;
    phone_number: string;
    variables: Record<string, string>;
    sealed_variables: string | null;
  };
  return resealInBatches<Row, { id: string; sealed: string; digests: string[] }>(
    orm,
    batchSize,
    {
      sql: `select id, organization_id, campaign_id, phone_number, variables, sealed_variables from campaign_contact
            where ((sealed_variables is not null and not starts_with(sealed_variables, ?))
                   or (sealed_variables is null and variables <> '{}'::jsonb))`,
      params: [`v1:${encryption.currentKeyId}:`],
      before: '00000000-0000-0000-0000-000000000000',
    },
    (row) => {
      const contact = { campaignId: row.campaign_id, phoneNumber: row.phone_number };
      const variables = contactVariablesOf(encryption, row.organization_id, {
        ...contact,
        variables: row.variables,
        sealedVariables: row.sealed_variables,
      });
      const sealed = sealContactVariables(encryption, row.organization_id, contact, variables);
      return { id: row.id, sealed: sealed.sealedVariables, digests: sealed.identifierDigests };
    },
    (tx, updates) =>
      tx.execute(
        `update campaign_contact k set sealed_variables = v.sealed, variables = '{}',
           identifier_digests = array(select jsonb_array_elements_text(v.digests))
         from jsonb_to_recordset(?::jsonb) as v(id uuid, sealed text, digests jsonb) where k.id = v.id`,
        [JSON.stringify(updates)],
      ),
  );
}

/** Re-seals, under the current master key, every sealed webhook event body that is not. */
export function resealWebhookEvents(orm: Orm, encryption: Encryption, batchSize = 500) {
  type Row = { id: string; organization_id: string; sealed_payload: string };
  return resealInBatches<Row, { id: string; sealed: string }>(
    orm,
    batchSize,
    {
      sql: `select id, organization_id, sealed_payload from webhook_event
            where sealed_payload is not null and not starts_with(sealed_payload, ?)`,
      params: [`v1:${encryption.currentKeyId}:`],
      before: '',
    },
    (row) => {
      const purpose = webhookEventPurpose(row.id);
      const body = encryption.open(row.organization_id, purpose, row.sealed_payload);
      return { id: row.id, sealed: encryption.seal(row.organization_id, purpose, body) };
    },
    (tx, updates) =>
      tx.execute(
        `update webhook_event e set sealed_payload = v.sealed
         from jsonb_to_recordset(?::jsonb) as v(id text, sealed text) where e.id = v.id`,
        [JSON.stringify(updates)],
      ),
  );
}
