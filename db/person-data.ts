/**
 * Everything a call platform holds about one person, found by their phone number (the caller's or
 * callee's number on a call, a campaign contact's number) or their email (in a transcript line, a
 * note, an extraction, a contact's variables): read whole for an export, anonymised for an erasure.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Encryption } from '../lib/encryption.ts';
import { callWorkflowId, TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import { escalationWorkflowId } from '../workflows/definitions/escalation.ts';
import type { PersonSubject } from '../workflows/definitions/person-requests.ts';
import { postCallWorkflowId } from '../workflows/definitions/post-call.ts';
import { qaRecalculationWorkflowId } from '../workflows/definitions/quality.ts';
import { webhookDeliveryWorkflowId } from '../workflows/definitions/webhooks.ts';
import { postgresArray } from './do-not-call.ts';
import type { ErasureReceipt, StoredExtraction } from './entities/index.ts';
import { contactVariablesOf, noteBodyOf, openExtraction } from './sealed-columns.ts';

/** What an anonymised call's number becomes (fits the column; no number could be it). */
export const ERASED_NUMBER = 'erased';

/**
 * A person to find: their number or email, and its blind index under every configured key (a sealed
 * column is found by the digests beside it, db/sealed-columns.ts).
 */
export type PersonLookup = PersonSubject & { digests: string[] };

/** The lookup of a subject in the organisation (its digests are the organisation's own). */
export const personLookup = (encryption: Encryption, organizationId: string, subject: PersonSubject): PersonLookup => ({
  ...subject,
  digests: encryption.blindIndexes(organizationId, subject.value),
});

/** The SQL condition (on call `c`) that a call is about the subject, and its parameters. */
function callAbout(who: PersonLookup): { sql: string; params: unknown[] } {
  // Sealed columns (an extraction, a sensitive note) are found by the digests beside them.
  const sealed = `(exists (select 1 from call_analysis s where s.call_id = c.id and s.identifier_digests && ?::text[])
       or exists (select 1 from call_note s where s.call_id = c.id and s.identifier_digests && ?::text[])
       or exists (select 1 from campaign_contact s where s.id = c.campaign_contact_id
                  and s.identifier_digests && ?::text[]))`;
  const digests = postgresArray(who.digests);
  if (who.kind === 'phone')
    return {
      sql: `(c.from_number = ? or c.to_number = ? or ${sealed})`,
      params: [who.value, who.value, digests, digests, digests],
    };
  const email = who.value;
  return {
    sql: `(exists (select 1 from call_interaction l where l.call_id = c.id and position(? in lower(l.text)) > 0)
       or exists (select 1 from call_note n where n.call_id = c.id and position(? in lower(n.body)) > 0)
       or ${sealed}
       -- an extraction written before they were sealed (secrets:rotate seals those)
       or exists (select 1 from call_analysis a where a.call_id = c.id and position(? in lower(a.extraction::text)) > 0)
       or exists (select 1 from campaign_contact k where k.id = c.campaign_contact_id
                  and position(? in lower(k.variables::text)) > 0))`,
    params: [email, email, digests, digests, digests, email, email],
  };
}

/**
 * The ids of the organisation's calls about the subject, oldest first, at most `limit`; `excluding`
 * those already erased (a call found through a contact's variables matches until the contact is erased).
 */
export async function personCallIds(
  em: EntityManager,
  organizationId: string,
  who: PersonLookup,
  page: { limit: number; terminalOnly?: boolean; forUpdate?: boolean; excluding?: string[] },
): Promise<string[]> {
  const about = callAbout(who);
  const terminal = page.terminalOnly ? 'and c.status = any(?::text[])' : '';
  const excluding = page.excluding?.length ? 'and not (c.id = any(?::uuid[]))' : '';
  const rows = await em.execute<{ id: string }[]>(
    `select c.id from call c where c.organization_id = ? and ${about.sql} ${terminal} ${excluding}
     order by c.created_at, c.id limit ? ${page.forUpdate ? 'for update of c' : ''}`,
    [
      organizationId,
      ...about.params,
      ...(page.terminalOnly ? [postgresArray([...TERMINAL_CALL_STATUSES])] : []),
      ...(page.excluding?.length ? [postgresArray(page.excluding)] : []),
      page.limit,
    ],
  );
  return rows.map((row) => row.id);
}

/** How many of the organisation's calls are about the subject. */
export async function countPersonCalls(em: EntityManager, organizationId: string, who: PersonLookup) {
  const about = callAbout(who);
  const [row] = await em.execute<{ count: string }[]>(
    `select count(*) as count from call c where c.organization_id = ? and ${about.sql}`,
    [organizationId, ...about.params],
  );
  return Number(row?.count ?? 0);
}

/** Calls about the subject still in progress (an erasure leaves them until they end). */
export async function activePersonCallIds(em: EntityManager, organizationId: string, who: PersonLookup) {
  const about = callAbout(who);
  const rows = await em.execute<{ id: string }[]>(
    `select c.id from call c where c.organization_id = ? and ${about.sql} and not (c.status = any(?::text[]))`,
    [organizationId, ...about.params, postgresArray([...TERMINAL_CALL_STATUSES])],
  );
  return rows.map((row) => row.id);
}

/**
 * The organisation's campaign contacts that are the subject: by number, or an email or number among
 * their variables (sealed ones by their digests).
 */
export async function personContactIds(em: EntityManager, organizationId: string, who: PersonLookup) {
  const rows = await em.execute<{ id: string }[]>(
    who.kind === 'phone'
      ? `select id from campaign_contact where organization_id = ?
           and (phone_number = ? or identifier_digests && ?::text[]) order by created_at, id`
      : `select id from campaign_contact where organization_id = ?
           and (position(? in lower(variables::text)) > 0 or identifier_digests && ?::text[]) order by created_at, id`,
    [organizationId, who.value, postgresArray(who.digests)],
  );
  return rows.map((row) => row.id);
}

/** One call and everything stored about it, as an archive shows it (originals still sealed). */
export async function callRecordFor(em: EntityManager, encryption: Encryption, callId: string) {
  const [call] = await em.execute<Record<string, unknown>[]>(
    `select c.id, b.name as business, c.direction, c.status, c.from_number, c.to_number, c.created_at,
            c.answered_at, c.ended_at, c.duration_seconds, c.end_reason, c.outcome, c.campaign_id, c.campaign_contact_id,
            c.disclosure_spoken_at, c.caller_objected_at, c.caller_objection
     from call c join business_config b on b.id = c.business_id where c.id = ?`,
    [callId],
  );
  const lines = await em.execute<
    { sequence: number; speaker: string; text: string; original_text: string | null; start_ms: number | null }[]
  >(
    'select sequence, speaker, text, original_text, start_ms, end_ms from call_interaction where call_id = ? order by sequence',
    [callId],
  );
  const notes = (
    await em.execute<
      { id: string; body: string | null; sealed_body: string | null; sensitive: boolean; organization_id: string }[]
    >(
      `select n.id, n.body, n.sealed_body, n.sensitive, n.category, n.tags, n.created_at, c.organization_id
       from call_note n join call c on c.id = n.call_id where n.call_id = ? order by n.created_at`,
      [callId],
    )
  ).map(({ sealed_body, organization_id, ...note }) => ({
    ...note,
    body: noteBodyOf(encryption, organization_id, { id: note.id, body: note.body, sealedBody: sealed_body }),
  }));
  const [qa] = await em.execute(
    `select score, components, grader, final, violations, notes, computed_at, override_score, override_reason
     from qa_score where call_id = ?`,
    [callId],
  );
  const [row] = await em.execute<Record<string, unknown>[]>(
    `select organization_id, summary, outcome, action_items, intent, extraction, sealed_extraction, adversarial,
            completed_at from call_analysis where call_id = ?`,
    [callId],
  );
  const analysis = row && {
    summary: row.summary,
    outcome: row.outcome,
    action_items: row.action_items,
    intent: row.intent,
    extraction: openExtraction(encryption, {
      organizationId: row.organization_id as string,
      callId,
      extraction: row.extraction as StoredExtraction | null,
      sealedExtraction: row.sealed_extraction as string | null,
    }),
    adversarial: row.adversarial,
    completed_at: row.completed_at,
  };
  const escalations = await em.execute(
    `select id, status, reason, reason_detail, priority, context, triggered_at, accepted_at, completed_at, resolved,
            resolution_notes
     from escalation where call_id = ? order by triggered_at`,
    [callId],
  );
  return { call, lines, notes, qa: qa ?? null, analysis: analysis ?? null, escalations };
}

/** Campaign contacts as an archive shows them (their variables opened). */
export async function contactRecords(em: EntityManager, encryption: Encryption, contactIds: string[]) {
  if (!contactIds.length) return [];
  const rows = await em.execute<Record<string, unknown>[]>(
    `select k.id, c.name as campaign, k.phone_number, k.name, k.time_zone, k.variables, k.sealed_variables,
            k.consent, k.status, k.attempts, k.last_outcome, k.call_ids, k.created_at, k.campaign_id, k.organization_id
     from campaign_contact k join campaign c on c.id = k.campaign_id where k.id = any(?::uuid[]) order by k.created_at`,
    [postgresArray(contactIds)],
  );
  return rows.map(({ sealed_variables, campaign_id, organization_id, ...contact }) => ({
    ...contact,
    variables: contactVariablesOf(encryption, organization_id as string, {
      campaignId: campaign_id as string,
      phoneNumber: contact.phone_number as string,
      variables: contact.variables as Record<string, string>,
      sealedVariables: sealed_variables as string | null,
    }),
  }));
}

const ids = async (em: EntityManager, sql: string, params: unknown[]) =>
  (await em.execute<{ id: string }[]>(sql, params)).map((row) => row.id);

/**
 * Removes what a batch of (ended) calls holds about the person, in the caller's transaction:
 * transcript lines with their originals, notes, live events, notifications and webhook events
 * deleted; QA details, the analysis and escalation context emptied; the caller's number anonymised.
 * Adds what it did to `receipt`, and the Temporal executions that carry the calls' data to its queue.
 */
export async function eraseCalls(
  tx: EntityManager,
  callIds: string[],
  subject: PersonSubject,
  receipt: ErasureReceipt,
) {
  if (!callIds.length) return;
  const calls = postgresArray(callIds);
  const escalationIds = await ids(tx, 'select id from escalation where call_id = any(?::uuid[])', [calls]);
  const escalations = postgresArray(escalationIds);
  // Webhook events are keyed by what they are about (`call.analyzed:<call>`, `escalation.created:<escalation>`).
  const about = postgresArray([...callIds, ...escalationIds]);
  const deliveryIds = await ids(
    tx,
    `select d.id from webhook_delivery d join webhook_event e on e.id = d.event_id
     where split_part(e.event_key, ':', 2) = any(?::text[])`,
    [about],
  );
  const [originals] = await tx.execute<{ count: string }[]>(
    'select count(*) as count from call_interaction where call_id = any(?::uuid[]) and original_text is not null',
    [calls],
  );
  const lines = await ids(tx, 'delete from call_interaction where call_id = any(?::uuid[]) returning id', [calls]);
  const notes = await ids(tx, 'delete from call_note where call_id = any(?::uuid[]) returning id', [calls]);
  const qa = await ids(
    tx,
    `update qa_score set violations = '[]', notes = '[]', override_reason = null
     where call_id = any(?::uuid[]) returning id`,
    [calls],
  );
  const analyses = await ids(
    tx,
    `update call_analysis set summary = null, action_items = '[]', intent = null, notes = '[]', extraction = null,
       sealed_extraction = null, identifier_digests = '{}', adversarial = null where call_id = any(?::uuid[]) returning id`,
    [calls],
  );
  await tx.execute(
    `update escalation set reason_detail = null, resolution_notes = null,
       context = jsonb_build_object('summary', '', 'keyPoints', '[]'::jsonb, 'customerNumber', ?::text,
         'customerName', null, 'knowledgeUsed', '[]'::jsonb, 'reason', '', 'priority', priority,
         'transcriptTail', '[]'::jsonb)
     where id = any(?::uuid[])`,
    [ERASED_NUMBER, escalations],
  );
  const events = await ids(
    tx,
    `delete from event_log where (key = any(?::text[]) and topic in ('call', 'qa', 'analysis'))
       or (key = any(?::text[]) and topic = 'escalations')
       or (topic = 'notifications' and (payload->>'callId' = any(?::text[]) or payload->>'escalationId' = any(?::text[])))
     returning id::text as id`,
    [calls, escalations, calls, escalations],
  );
  const notifications = await ids(
    tx,
    'delete from notification where call_id = any(?::uuid[]) or escalation_id = any(?::uuid[]) returning id',
    [calls, escalations],
  );
  const webhookEvents = await ids(
    tx,
    "delete from webhook_event where split_part(event_key, ':', 2) = any(?::text[]) returning id",
    [about],
  );
  const phone = subject.kind === 'phone' ? subject.value : null;
  await tx.execute(
    `update call set metadata = null,
       from_number = case when direction = 'inbound' or from_number = ? then ? else from_number end,
       to_number = case when direction = 'outbound' or to_number = ? then ? else to_number end
     where id = any(?::uuid[])`,
    [phone, ERASED_NUMBER, phone, ERASED_NUMBER, calls],
  );
  const { postgres, temporal } = receipt;
  postgres.calls.push(...callIds);
  postgres.transcriptLines += lines.length;
  postgres.transcriptOriginals += Number(originals?.count ?? 0);
  postgres.notes += notes.length;
  postgres.qaScores += qa.length;
  postgres.analyses += analyses.length;
  postgres.escalations.push(...escalationIds);
  postgres.liveEvents += events.length;
  postgres.notifications += notifications.length;
  postgres.webhookEvents += webhookEvents.length;
  temporal.queued.push(
    ...callIds.flatMap((id) => [callWorkflowId(id), postCallWorkflowId(id), qaRecalculationWorkflowId(id)]),
    ...escalationIds.map(escalationWorkflowId),
    ...deliveryIds.map(webhookDeliveryWorkflowId),
  );
}

/** Anonymises campaign contacts: a placeholder number (unique in its campaign), no name, no variables. */
export async function eraseContacts(tx: EntityManager, contactIds: string[]): Promise<void> {
  if (!contactIds.length) return;
  await tx.execute(
    `update campaign_contact set phone_number = 'erased-' || left(replace(id::text, '-', ''), 9), name = null,
       variables = '{}', sealed_variables = null, identifier_digests = '{}', time_zone = null
     where id = any(?::uuid[])`,
    [postgresArray(contactIds)],
  );
}
