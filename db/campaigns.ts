/**
 * A campaign's records: contacts added (merged by number, marked when on the do-not-call list), the
 * contacts due to be dialled, what an attempt came to and when the next one is, and the progress
 * counts the console and the workflow read.
 */
import { LockMode, QueryOrder } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Encryption } from '../lib/encryption.ts';
import { type CallStatus, DO_NOT_CALL_END_REASON, TERMINAL_CALL_STATUSES } from '../workflows/definitions/call.ts';
import type {
  AttemptOutcome,
  CampaignPlan,
  CampaignProgress,
  CampaignStatus,
  ContactStatus,
  ProgressCounts,
  Remaining,
  RetryPolicy,
  VoicemailPolicy,
} from '../workflows/definitions/campaign.ts';
import { CONTACT_STATUSES } from '../workflows/definitions/campaign.ts';
import { addToDoNotCall, postgresArray } from './do-not-call.ts';
import { Campaign, CampaignContact } from './entities/index.ts';
import { publishEvent, TOPICS } from './events.ts';
import { contactVariablesOf, sealContactVariables } from './sealed-columns.ts';
import { recordWebhookEvent } from './webhooks.ts';

/** Contacts the campaign still has to dial (now or later). */
export const OPEN_STATUSES = ['pending', 'retry_scheduled', 'waiting_window'] as const satisfies ContactStatus[];

/** A campaign changed (status or progress): its live subscribers read it afresh. */
export interface CampaignEventPayload {
  [key: string]: unknown;
  organizationId: string;
  campaignId: string;
  status: CampaignStatus;
}

export async function publishCampaignChange(tx: EntityManager, campaign: Campaign): Promise<void> {
  await publishEvent(tx, {
    topic: TOPICS.campaign,
    key: campaign.id,
    payload: {
      organizationId: campaign.organization.id,
      campaignId: campaign.id,
      status: campaign.status,
    } satisfies CampaignEventPayload,
  });
}

// ---------------------------------------------------------------- contacts in

/** A contact to add, already checked: an E.164 number and what came with it. */
export interface NewContact {
  phoneNumber: string;
  name: string | null;
  timeZone: string | null;
  numberTimeZones: string[];
  variables: Record<string, string>;
  consent: boolean | null;
  sourceLine: number | null;
}

export interface ContactsAdded {
  /** New contacts, of which `doNotCall` were on the list already. */
  added: number;
  /** Given for a number the campaign already had (in this batch or before): merged into that contact. */
  merged: number;
  doNotCall: number;
}

/** Later values for the same number win; variables are merged. */
function mergeInto(into: NewContact, from: NewContact): void {
  into.name = from.name ?? into.name;
  into.timeZone = from.timeZone ?? into.timeZone;
  into.consent = from.consent ?? into.consent;
  into.variables = { ...into.variables, ...from.variables };
}

/**
 * Adds a batch of contacts. A number the campaign already has is merged into its contact rather than
 * added twice (its variables are sealed, so they are merged here: the contacts are read, locked, and
 * written back); a number on the do-not-call list is added as `skipped_dnc`. Two batches adding the
 * same new number at the same moment keep the later one's variables.
 */
export async function addContacts(
  em: EntityManager,
  encryption: Encryption,
  campaign: { id: string; organizationId: string },
  contacts: NewContact[],
): Promise<ContactsAdded> {
  const byNumber = new Map<string, NewContact>();
  for (const contact of contacts) {
    const seen = byNumber.get(contact.phoneNumber);
    if (seen) mergeInto(seen, contact);
    else byNumber.set(contact.phoneNumber, { ...contact });
  }
  const unique = [...byNumber.values()];
  if (!unique.length) return { added: 0, merged: 0, doNotCall: 0 };
  // One transaction, so the contacts read for the merge stay locked until their merged variables are written.
  const rows = await em.transactional(async (tx) => {
    const existing = await tx.execute<
      { phone_number: string; variables: Record<string, string>; sealed_variables: string | null }[]
    >(
      `select phone_number, variables, sealed_variables from campaign_contact
     where campaign_id = ? and phone_number = any(?::text[]) for update`,
      [campaign.id, postgresArray(unique.map((c) => c.phoneNumber))],
    );
    for (const row of existing) {
      const contact = byNumber.get(row.phone_number)!;
      const before = contactVariablesOf(encryption, campaign.organizationId, {
        campaignId: campaign.id,
        phoneNumber: row.phone_number,
        variables: row.variables,
        sealedVariables: row.sealed_variables,
      });
      contact.variables = { ...before, ...contact.variables };
    }
    return tx.execute<{ inserted: boolean; status: ContactStatus }[]>(
      `insert into campaign_contact (id, campaign_id, organization_id, phone_number, name, time_zone, number_time_zones,
       sealed_variables, identifier_digests, consent, status, position, source_line, created_at, updated_at)
     select gen_random_uuid(), ?, ?, t.phone_number, t.name, t.time_zone, t.number_time_zones, t.sealed_variables,
       coalesce(t.identifier_digests, '{}'), t.consent,
       case when exists (select 1 from do_not_call d where d.organization_id = ? and d.phone_number = t.phone_number)
         then 'skipped_dnc' else 'pending' end,
       (select coalesce(max(position), 0) from campaign_contact where campaign_id = ?) + t.ord, t.source_line, now(), now()
     from jsonb_to_recordset(?::jsonb) as t(ord int, phone_number text, name text, time_zone text,
       number_time_zones text[], sealed_variables text, identifier_digests text[], consent boolean, source_line int)
     on conflict (campaign_id, phone_number) do update set
       name = coalesce(excluded.name, campaign_contact.name),
       time_zone = coalesce(excluded.time_zone, campaign_contact.time_zone),
       consent = coalesce(excluded.consent, campaign_contact.consent),
       -- merged above with what the contact had
       variables = '{}',
       sealed_variables = excluded.sealed_variables,
       identifier_digests = excluded.identifier_digests,
       updated_at = now()
     returning (xmax = 0) as inserted, status`,
      [
        campaign.id,
        campaign.organizationId,
        campaign.organizationId,
        campaign.id,
        JSON.stringify(
          unique.map((c, ord) => {
            const sealed = Object.keys(c.variables).length
              ? sealContactVariables(
                  encryption,
                  campaign.organizationId,
                  { campaignId: campaign.id, phoneNumber: c.phoneNumber },
                  c.variables,
                )
              : null;
            return {
              ord: ord + 1,
              phone_number: c.phoneNumber,
              name: c.name,
              time_zone: c.timeZone,
              number_time_zones: c.numberTimeZones,
              sealed_variables: sealed?.sealedVariables ?? null,
              identifier_digests: sealed?.identifierDigests ?? [],
              consent: c.consent,
              source_line: c.sourceLine,
            };
          }),
        ),
      ],
    );
  });
  const added = rows.filter((row) => row.inserted);
  return {
    added: added.length,
    merged: contacts.length - added.length,
    doNotCall: added.filter((row) => row.status === 'skipped_dnc').length,
  };
}

// ---------------------------------------------------------------- dialling

/**
 * The contacts due now, in dialling order, locked for this transaction; contacts another
 * transaction holds are skipped, so two batches never take the same contact.
 */
export function lockDueContacts(tx: EntityManager, campaignId: string, at: Date, limit: number) {
  return tx.find(
    CampaignContact,
    {
      campaign: campaignId,
      status: { $in: [...OPEN_STATUSES] },
      $or: [{ nextAttemptAt: null }, { nextAttemptAt: { $lte: at } }],
    },
    {
      orderBy: { nextAttemptAt: QueryOrder.ASC_NULLS_FIRST, position: QueryOrder.ASC },
      limit,
      lockMode: LockMode.PESSIMISTIC_PARTIAL_WRITE,
    },
  );
}

/** The contacts whose latest attempt is one of these calls (a batch recorded before, asked again). */
export function contactsCalled(tx: EntityManager, callIds: string[]) {
  return tx.find(CampaignContact, { lastCallId: { $in: callIds } });
}

/** What a finished call came to for its contact. */
export function attemptOutcome(call: { status: CallStatus; endReason: string | null }): AttemptOutcome {
  if (call.endReason === DO_NOT_CALL_END_REASON) return 'do_not_call';
  if (call.endReason === 'voicemail_left' || call.endReason === 'answering_machine') return 'voicemail';
  if (call.status === 'completed') return 'completed';
  if (call.status === 'busy' || call.status === 'no_answer') return call.status;
  return 'failed';
}

/** The wait before attempt `attempts + 1`: exponential, capped, spread by the jitter (`random` in [0, 1)). */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: number): number {
  const base = Math.min(
    policy.maxDelaySeconds,
    policy.initialDelaySeconds * policy.backoffMultiplier ** Math.max(0, attempts - 1),
  );
  return Math.round(base * 1000 * (1 + policy.jitter * (2 * random - 1)));
}

/**
 * Where a contact stands after an attempt: reached (completed, or voicemail when it counts as
 * reached), a retry later while attempts remain, or final with the last outcome.
 */
export function afterAttempt(
  outcome: AttemptOutcome,
  attempts: number,
  policies: { retry: RetryPolicy; voicemail: VoicemailPolicy },
  now: Date,
  random = Math.random(),
): { status: ContactStatus; nextAttemptAt: Date | null } {
  if (outcome === 'completed' || outcome === 'do_not_call') return { status: 'completed', nextAttemptAt: null };
  if (outcome === 'voicemail' && policies.voicemail.countsAs === 'reached') {
    return { status: 'voicemail', nextAttemptAt: null };
  }
  if (attempts < policies.retry.maxAttempts) {
    return {
      status: 'retry_scheduled',
      nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policies.retry, random)),
    };
  }
  return { status: outcome, nextAttemptAt: null };
}

/** A call that never reached its end (its workflow was terminated by an operator) counts as failed after this long. */
const lostCallMs = (ringTimeoutSeconds: number, maxDurationSeconds: number) =>
  (ringTimeoutSeconds + maxDurationSeconds + 300) * 1000;

/**
 * Records what each finished call came to on its contact, once: a contact whose latest call is
 * not that call any more, or that is no longer dialling, was settled before. A call whose record
 * has not ended is left for later (answered `false`), unless it is lost.
 */
export async function settleCalls(
  em: EntityManager,
  campaignId: string,
  callIds: string[],
  limits: { ringTimeoutSeconds: number; maxDurationSeconds: number },
): Promise<{ settled: string[] }> {
  return em.fork().transactional(async (tx) => {
    const campaign = await tx.findOneOrFail(Campaign, campaignId);
    const contacts = await tx.find(
      CampaignContact,
      { campaign: campaignId, lastCallId: { $in: callIds }, status: 'dialling' },
      { lockMode: LockMode.PESSIMISTIC_WRITE },
    );
    const calls = await tx.execute<{ id: string; status: CallStatus; end_reason: string | null; created_at: string }[]>(
      'select id, status, end_reason, created_at from call where id = any(?::uuid[])',
      [postgresArray(callIds)],
    );
    const byId = new Map(calls.map((call) => [call.id, call]));
    const now = new Date();
    const open = new Set<string>();
    const doNotCall: string[] = [];
    for (const contact of contacts) {
      const call = byId.get(contact.lastCallId!);
      const ended = call && TERMINAL_CALL_STATUSES.includes(call.status);
      const lost =
        !call ||
        now.getTime() - Date.parse(call.created_at) > lostCallMs(limits.ringTimeoutSeconds, limits.maxDurationSeconds);
      if (!ended && !lost) {
        open.add(contact.lastCallId!);
        continue;
      }
      const outcome = ended ? attemptOutcome({ status: call.status, endReason: call.end_reason }) : 'failed';
      const next = afterAttempt(outcome, contact.attempts, campaign, now);
      contact.lastOutcome = outcome;
      contact.status = next.status;
      contact.nextAttemptAt = next.nextAttemptAt;
      if (outcome === 'do_not_call') {
        await addToDoNotCall(tx, {
          organizationId: campaign.organization.id,
          phoneNumber: contact.phoneNumber,
          reason: 'asked during a campaign call',
          source: 'call',
          callId: contact.lastCallId,
        });
        doNotCall.push(contact.phoneNumber);
      }
    }
    await tx.flush();
    if (doNotCall.length) {
      // The number's contacts in the organisation's other open campaigns are held back at once.
      await tx.nativeUpdate(
        CampaignContact,
        {
          organization: campaign.organization.id,
          phoneNumber: { $in: doNotCall },
          status: { $in: [...OPEN_STATUSES] },
        },
        { status: 'skipped_dnc', nextAttemptAt: null },
      );
    }
    return { settled: callIds.filter((id) => !open.has(id)) };
  });
}

// ---------------------------------------------------------------- the campaign as a whole

export function campaignPlan(campaign: Campaign): CampaignPlan {
  return {
    status: campaign.status,
    startAt: campaign.startAt?.toISOString() ?? null,
    endAt: campaign.endAt?.toISOString() ?? null,
    callsPerMinute: campaign.callsPerMinute,
    maxConcurrentCalls: campaign.maxConcurrentCalls,
  };
}

/** Moves a campaign to `status` and publishes the change; a finished campaign stays finished. */
export async function setCampaignStatus(em: EntityManager, campaignId: string, status: CampaignStatus) {
  return em.fork().transactional(async (tx) => {
    const campaign = await tx.findOneOrFail(Campaign, campaignId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (campaign.status === 'completed' || campaign.status === 'canceled' || campaign.status === status) {
      return campaign;
    }
    campaign.status = status;
    if (status === 'running') campaign.startedAt ??= new Date();
    if (status === 'completed' || status === 'canceled') {
      campaign.finishedAt = new Date();
      // Whoever sees the campaign finished sees its final counts with it.
      campaign.progress = await measureProgress(tx, campaign);
    }
    await tx.flush();
    if (status === 'completed') {
      await recordWebhookEvent(tx, {
        organizationId: campaign.organization.id,
        type: 'campaign.completed',
        eventKey: `campaign.completed:${campaign.id}`,
        data: {
          campaignId: campaign.id,
          businessId: campaign.business.id,
          name: campaign.name,
          startedAt: campaign.startedAt?.toISOString() ?? null,
          finishedAt: campaign.finishedAt!.toISOString(),
          // Named as the API names them (`noAnswer`, `skippedDnc`).
          counts: Object.fromEntries(
            Object.entries(campaign.progress?.counts ?? {}).map(([status, n]) => [
              status.replace(/_(\w)/g, (_, letter: string) => letter.toUpperCase()),
              n,
            ]),
          ),
          total: campaign.progress?.total ?? 0,
        },
      });
    }
    await publishCampaignChange(tx, campaign);
    return campaign;
  });
}

/** Contacts left to dial, and when the earliest of those not due yet is. */
export async function remainingContacts(em: EntityManager, campaignId: string): Promise<Remaining> {
  const [row] = await em.execute<{ open: string; next_due_at: string | null }[]>(
    'select count(*) as open, min(next_attempt_at) as next_due_at from campaign_contact where campaign_id = ? and status = any(?::text[])',
    [campaignId, postgresArray(OPEN_STATUSES)],
  );
  return { open: Number(row?.open ?? 0), nextDueAt: row?.next_due_at ? new Date(row.next_due_at).toISOString() : null };
}

/** The window the dial rate is measured over. */
const RATE_WINDOW_MINUTES = 5;

/** Counts per contact status (and of contacts whose call is answered now), the dial rate and the ETA. */
export async function measureProgress(em: EntityManager, campaign: Campaign): Promise<CampaignProgress> {
  const counts = Object.fromEntries([...CONTACT_STATUSES, 'connected'].map((s) => [s, 0])) as ProgressCounts;
  const rows = await em.execute<{ status: ContactStatus; n: string }[]>(
    'select status, count(*) as n from campaign_contact where campaign_id = ? group by status',
    [campaign.id],
  );
  for (const row of rows) counts[row.status] = Number(row.n);
  const [live] = await em.execute<{ connected: string; recent: string }[]>(
    `select
       (select count(*) from campaign_contact c join call on call.id = c.last_call_id
         where c.campaign_id = ? and c.status = 'dialling' and call.status in ('in_progress', 'escalated')) as connected,
       (select count(*) from call where campaign_id = ? and created_at > now() - make_interval(mins => ?)) as recent`,
    [campaign.id, campaign.id, RATE_WINDOW_MINUTES],
  );
  counts.connected = Number(live?.connected ?? 0);
  const now = new Date();
  const runningMinutes = campaign.startedAt ? (now.getTime() - campaign.startedAt.getTime()) / 60_000 : 0;
  const minutes = Math.min(RATE_WINDOW_MINUTES, Math.max(runningMinutes, 1 / 60));
  const dialsPerMinute = campaign.startedAt ? Number(live?.recent ?? 0) / minutes : 0;
  const open = OPEN_STATUSES.reduce((sum, status) => sum + counts[status], 0);
  const estimating = campaign.status === 'running' && dialsPerMinute > 0;
  return {
    counts,
    total: rows.reduce((sum, row) => sum + Number(row.n), 0),
    dialsPerMinute: Math.round(dialsPerMinute * 10) / 10,
    etaAt: estimating ? new Date(now.getTime() + (open / dialsPerMinute) * 60_000).toISOString() : null,
    updatedAt: now.toISOString(),
  };
}

/** Measures the campaign's progress, keeps it on the campaign and publishes it. */
export async function recordProgress(em: EntityManager, campaignId: string): Promise<CampaignProgress> {
  return em.fork().transactional(async (tx) => {
    const campaign = await tx.findOneOrFail(Campaign, campaignId);
    const progress = await measureProgress(tx, campaign);
    campaign.progress = progress;
    await tx.flush();
    await publishCampaignChange(tx, campaign);
    return progress;
  });
}
