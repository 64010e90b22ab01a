import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../lib/config.ts';
import {
  type CallDirection,
  type CallStatus,
  type CallWorkflowInput,
  callWorkflowId,
  DO_NOT_CALL_END_REASON,
  statusesBefore,
  TERMINAL_CALL_STATUSES,
  type TranscriptLineInput,
} from '../workflows/definitions/call.ts';
import { addToDoNotCall } from './do-not-call.ts';
import {
  BusinessConfig,
  Call,
  type CallerObjection,
  Campaign,
  CampaignContact,
  Organization,
} from './entities/index.ts';
import { publishEvent, TOPICS } from './events.ts';
import { recordWebhookEvent } from './webhooks.ts';

/** A call as the API and live events carry it: plain JSON, dates as ISO strings. */
export interface CallView {
  id: string;
  organizationId: string;
  businessId: string;
  direction: CallDirection;
  status: CallStatus;
  fromNumber: string;
  toNumber: string;
  workflowId: string;
  twilioCallSid: string | null;
  endReason: string | null;
  /** Twilio's answering-machine verdict, for outbound calls that asked for one. */
  answeredBy: string | null;
  createdAt: string;
  statusChangedAt: string;
  answeredAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  /** From the post-call analysis: the outcome in the business's terms, and the adversarial score (0–10). */
  outcome: string | null;
  adversarialScore: number | null;
  /** When the disclosure was spoken, and when and to what the caller objected; absent from older events. */
  disclosureSpokenAt?: string | null;
  callerObjectedAt?: string | null;
  callerObjection?: CallerObjection | null;
}

export type CallEventPayload =
  | { type: 'created'; organizationId: string; call: CallView }
  | { type: 'status'; organizationId: string; call: CallView; previousStatus: CallStatus }
  | { type: 'transcript'; organizationId: string; line: TranscriptLineInput }
  | { type: 'metrics'; organizationId: string; callId: string; latency: LatencyStats };

/** Response latency of a call's voice agent: the caller's end of speech to its first audio byte back. */
export interface LatencyStats {
  samples: number;
  p50Ms: number | null;
  p95Ms: number | null;
  averageMs: number | null;
  lastMs: number | null;
}

/** The caller talked over the agent's line: its text is what they heard before that. */
export const lineInterrupted = (metadata: Record<string, unknown> | null | undefined): boolean =>
  metadata?.interrupted === true;

/** The agent's response latency recorded on a transcript line, if it has one. */
export function lineLatencyMs(metadata: Record<string, unknown> | null | undefined): number | null {
  return typeof metadata?.latencyMs === 'number' ? Math.round(metadata.latencyMs) : null;
}

/** Nearest-rank percentiles over latency samples, in arrival order (the last one is `lastMs`). */
export function latencyStats(samples: readonly number[]): LatencyStats {
  if (!samples.length) return { samples: 0, p50Ms: null, p95Ms: null, averageMs: null, lastMs: null };
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  return {
    samples: samples.length,
    p50Ms: Math.round(rank(0.5)),
    p95Ms: Math.round(rank(0.95)),
    averageMs: Math.round(sorted.reduce((sum, x) => sum + x, 0) / sorted.length),
    lastMs: Math.round(samples[samples.length - 1] as number),
  };
}

const iso = (date: Date | null | undefined) => (date ? date.toISOString() : null);

export function toCallView(call: Call): CallView {
  return {
    id: call.id,
    organizationId: call.organization.id,
    businessId: call.business.id,
    direction: call.direction,
    status: call.status,
    fromNumber: call.fromNumber,
    toNumber: call.toNumber,
    workflowId: call.workflowId,
    twilioCallSid: call.twilioCallSid ?? null,
    endReason: call.endReason ?? null,
    answeredBy: call.answeredBy ?? null,
    createdAt: call.createdAt.toISOString(),
    statusChangedAt: call.statusChangedAt.toISOString(),
    answeredAt: iso(call.answeredAt),
    endedAt: iso(call.endedAt),
    durationSeconds: call.durationSeconds ?? null,
    outcome: call.outcome ?? null,
    adversarialScore:
      call.adversarialScore === null || call.adversarialScore === undefined ? null : Number(call.adversarialScore),
    disclosureSpokenAt: iso(call.disclosureSpokenAt),
    callerObjectedAt: iso(call.callerObjectedAt),
    callerObjection: call.callerObjection ?? null,
  };
}

export interface NewCall {
  id: string;
  organizationId: string;
  businessId: string;
  direction: CallDirection;
  fromNumber: string;
  toNumber: string;
  /** Inbound calls arrive with Twilio's CallSid. */
  twilioCallSid?: string;
  /** A campaign's call, and the contact it is for. */
  campaignId?: string;
  campaignContactId?: string;
}

/** Records a call once: a second call with the same id (a retried activity, a racing gateway) is a no-op. */
export async function recordCall(em: EntityManager, input: NewCall): Promise<{ call: CallView; created: boolean }> {
  const existing = await em.fork().findOne(Call, input.id);
  if (existing) return { call: toCallView(existing), created: false };
  try {
    return { call: await em.fork().transactional((tx) => insertCall(tx, input)), created: true };
  } catch (error) {
    if (!(error instanceof UniqueConstraintViolationException)) throw error;
    const call = await em.fork().findOneOrFail(Call, input.id);
    return { call: toCallView(call), created: false };
  }
}

/** Inserts a call and publishes its creation, in the caller's transaction. */
export async function insertCall(tx: EntityManager, input: NewCall): Promise<CallView> {
  const call = tx.create(Call, {
    id: input.id,
    organization: tx.getReference(Organization, input.organizationId),
    business: tx.getReference(BusinessConfig, input.businessId),
    direction: input.direction,
    status: 'queued',
    fromNumber: input.fromNumber,
    toNumber: input.toNumber,
    workflowId: callWorkflowId(input.id),
    twilioCallSid: input.twilioCallSid ?? null,
    campaign: input.campaignId ? tx.getReference(Campaign, input.campaignId) : null,
    campaignContact: input.campaignContactId ? tx.getReference(CampaignContact, input.campaignContactId) : null,
  });
  await tx.flush();
  const view = toCallView(call);
  await publishEvent(tx, {
    topic: TOPICS.call,
    key: call.id,
    payload: { type: 'created', organizationId: view.organizationId, call: view },
  });
  await recordWebhookEvent(tx, {
    organizationId: view.organizationId,
    type: 'call.started',
    eventKey: `call.started:${call.id}`,
    data: { call: view },
  });
  return view;
}

/** The settings a call's workflow runs with, from the platform's configuration and its business. */
export function callWorkflowInput(
  calls: Config['calls'],
  business: Pick<BusinessConfig, 'id' | 'answeringMachineDetection' | 'voicemailMessage'>,
  call: Pick<
    CallWorkflowInput,
    | 'callId'
    | 'organizationId'
    | 'direction'
    | 'fromNumber'
    | 'toNumber'
    | 'twilioCallSid'
    | 'campaignId'
    | 'campaignContactId'
  >,
): CallWorkflowInput {
  return {
    ...call,
    businessId: business.id,
    ringTimeoutSeconds: calls.ringTimeoutSeconds,
    maxDurationSeconds: calls.maxDurationSeconds,
    answeringMachineDetection: call.direction === 'outbound' && business.answeringMachineDetection,
    voicemailMessage: business.voicemailMessage ?? null,
    streamRecoverySeconds: calls.streamRecoverySeconds,
    reconcileAfterSeconds: calls.reconcileAfterSeconds,
  };
}

export interface StatusChange {
  callId: string;
  status: CallStatus;
  /** When it happened (the workflow's clock), so a retry writes the same time. */
  at: string;
  endReason?: string;
}

/**
 * Moves a call forward to `status` and publishes the change, atomically. Out-of-order and repeated
 * changes are ignored (a late `ringing` after `completed` changes nothing) and reported as unchanged.
 */
export async function transitionCall(
  em: EntityManager,
  change: StatusChange,
): Promise<{ call: CallView; changed: boolean }> {
  return em.fork().transactional(async (tx) => {
    const call = await tx.findOneOrFail(Call, change.callId, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!statusesBefore(change.status).includes(call.status)) return { call: toCallView(call), changed: false };
    const previousStatus = call.status;
    const at = new Date(change.at);
    call.status = change.status;
    call.statusChangedAt = at;
    if (change.status === 'in_progress') call.answeredAt = at;
    if (TERMINAL_CALL_STATUSES.includes(change.status)) {
      call.endedAt = at;
      call.endReason = change.endReason ?? change.status;
      call.durationSeconds = call.answeredAt ? Math.round((at.getTime() - call.answeredAt.getTime()) / 1000) : 0;
      // Never again, from any campaign: in the same transaction as the call's end.
      if (call.endReason === DO_NOT_CALL_END_REASON) {
        if (!call.callerObjectedAt) {
          call.callerObjectedAt = at;
          call.callerObjection = 'calls';
        }
        await addToDoNotCall(tx, {
          organizationId: call.organization.id,
          phoneNumber: call.direction === 'outbound' ? call.toNumber : call.fromNumber,
          reason: 'Asked not to be called again during the call.',
          source: 'call',
          callId: call.id,
        });
      }
    }
    await tx.flush();
    const view = toCallView(call);
    await publishEvent(tx, {
      topic: TOPICS.call,
      key: call.id,
      payload: { type: 'status', organizationId: view.organizationId, call: view, previousStatus },
    });
    if (TERMINAL_CALL_STATUSES.includes(change.status)) {
      const type = change.status === 'completed' ? 'call.completed' : 'call.failed';
      await recordWebhookEvent(tx, {
        organizationId: view.organizationId,
        type,
        eventKey: `${type}:${call.id}`,
        data: { call: view },
        at,
      });
    }
    return { call: view, changed: true };
  });
}

/**
 * Writes transcript lines once each (a line whose (call, sequence) exists is skipped) and publishes
 * them in the same transaction: a line the bridge already published live (same `liveKey`) is not
 * published again, and one it could not publish (the database was away) is published now.
 */
export async function appendTranscript(em: EntityManager, lines: TranscriptLineInput[]): Promise<void> {
  if (!lines.length) return;
  const callId = (lines[0] as TranscriptLineInput).callId;
  const rows = lines.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())').join(', ');
  await em.fork().transactional(async (tx) => {
    await tx.execute(
      `insert into call_interaction (id, call_id, sequence, speaker, text, original_text, start_ms, end_ms, metadata, sentiment, created_at) values ${rows}
       on conflict (call_id, sequence) do nothing`,
      lines.flatMap((l) => [
        crypto.randomUUID(),
        l.callId,
        l.sequence,
        l.speaker,
        l.text,
        l.sealedOriginal ?? null,
        l.startMs,
        l.endMs,
        l.metadata ? JSON.stringify(l.metadata) : null,
        l.sentiment ? JSON.stringify(l.sentiment) : null,
      ]),
    );
    const [call] = await tx.execute<{ organization_id: string }[]>('select organization_id from call where id = ?', [
      callId,
    ]);
    if (!call) return;
    await recordConsent(tx, callId, lines);
    for (const { liveKey, sealedOriginal: _original, ...line } of lines) {
      await publishEvent(tx, {
        topic: TOPICS.call,
        key: line.callId,
        payload: { type: 'transcript', organizationId: call.organization_id, line },
        dedupeKey: liveKey ?? `line:${line.callId}:${line.sequence}`,
      });
    }
  });
}

/**
 * The call's record of consent, from the lines the bridge marked when they were spoken: when the
 * disclosure was said and when the caller objected to being recorded. The first time stands.
 */
async function recordConsent(tx: EntityManager, callId: string, lines: TranscriptLineInput[]): Promise<void> {
  const spoken = lines.find((line) => typeof line.metadata?.disclosureSpokenAt === 'string');
  if (spoken)
    await tx.execute('update call set disclosure_spoken_at = ? where id = ? and disclosure_spoken_at is null', [
      spoken.metadata?.disclosureSpokenAt,
      callId,
    ]);
  const objection = lines.find((line) => line.metadata?.recordingObjection === true);
  if (objection) {
    // A line from a bridge that did not stamp the time yet is dated when it is written.
    const at = typeof objection.metadata?.objectedAt === 'string' ? objection.metadata.objectedAt : null;
    await tx.execute(
      `update call set caller_objected_at = coalesce(?::timestamptz, now()), caller_objection = 'recording'
       where id = ? and caller_objected_at is null`,
      [at, callId],
    );
  }
}

/** Tells live subscribers a line was spoken, at once; the workflow's write publishes it if this could not. */
export async function publishTranscriptLine(
  em: EntityManager,
  organizationId: string,
  line: TranscriptLineInput,
  liveKey: string,
): Promise<void> {
  await publishEvent(em.fork(), {
    topic: TOPICS.call,
    key: line.callId,
    payload: { type: 'transcript', organizationId, line },
    dedupeKey: liveKey,
  });
}

/** Live subscribers see the agent's latency figures move as the call goes on. */
export async function publishCallMetrics(
  em: EntityManager,
  organizationId: string,
  callId: string,
  latency: LatencyStats,
): Promise<void> {
  await publishEvent(em.fork(), {
    topic: TOPICS.call,
    key: callId,
    payload: { type: 'metrics', organizationId, callId, latency },
  });
}

/** Records Twilio's answering-machine verdict on an outbound call. */
export async function recordAnsweredBy(em: EntityManager, callId: string, answeredBy: string): Promise<void> {
  await em.fork().nativeUpdate(Call, { id: callId }, { answeredBy: answeredBy.slice(0, 32) });
}
