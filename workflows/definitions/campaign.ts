/**
 * The campaign workflow's contract (id `campaign-<id>`): what a campaign dials, how supervisors pause,
 * resume and cancel it, how its calls report back, and the progress it answers.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { CallWorkflowInput } from './call.ts';

export const CAMPAIGN_WORKFLOW_TYPE = 'campaignWorkflow';
export const campaignWorkflowId = (campaignId: string): string => `campaign-${campaignId}`;

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'canceled'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where one contact stands. `busy`, `no_answer` and `failed` are final: the attempts ran out. */
export const CONTACT_STATUSES = [
  'pending',
  'dialling',
  'waiting_window',
  'retry_scheduled',
  'completed',
  'voicemail',
  'busy',
  'no_answer',
  'failed',
  'skipped_dnc',
  'skipped_no_consent',
  'skipped_no_window',
] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];

/** When a campaign may dial a contact, in the contact's local time. */
export interface CallingWindow {
  /** Local wall-clock time, "HH:MM", inclusive. */
  start: string;
  /** Local wall-clock time, "HH:MM" (or "24:00"), exclusive; after `start`. */
  end: string;
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  days: number[];
}

/**
 * How busy, unanswered and failed attempts are tried again: after `initialDelaySeconds`, each next
 * wait `backoffMultiplier` times longer (at most `maxDelaySeconds`), each spread by ±`jitter`.
 */
export interface RetryPolicy {
  maxAttempts: number;
  initialDelaySeconds: number;
  backoffMultiplier: number;
  maxDelaySeconds: number;
  jitter: number;
}
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 3,
  initialDelaySeconds: 900,
  backoffMultiplier: 2,
  maxDelaySeconds: 6 * 3600,
  jitter: 0.2,
};

/** Answering machines: detect them (Twilio's AMD), leave `message` or hang up, and count it as reached or as a retry. */
export interface VoicemailPolicy {
  detect: boolean;
  message: string | null;
  countsAs: 'reached' | 'retry';
}
export const DEFAULT_VOICEMAIL_POLICY: VoicemailPolicy = { detect: true, message: null, countsAs: 'retry' };

/** What one attempt came to, as the contact's `lastOutcome`. */
export const ATTEMPT_OUTCOMES = ['completed', 'voicemail', 'busy', 'no_answer', 'failed', 'do_not_call'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Contact statuses counted in progress, and `connected`: dialling contacts whose call is answered. */
export type ProgressCounts = Record<ContactStatus | 'connected', number>;

export interface CampaignProgress {
  counts: ProgressCounts;
  total: number;
  /** Calls placed over the last five minutes, per minute. */
  dialsPerMinute: number;
  /** When the contacts left would all have been dialled once at the current rate; null without a rate. */
  etaAt: string | null;
  updatedAt: string;
}

/** What the workflow reads of its campaign when it starts (and again after a resume). */
export interface CampaignPlan {
  status: CampaignStatus;
  startAt: string | null;
  endAt: string | null;
  callsPerMinute: number;
  maxConcurrentCalls: number;
}

/** One contact the dial-time check let through: the call to start, with its id already recorded. */
export interface ContactDial {
  contactId: string;
  call: CallWorkflowInput;
  /** For the operator's memo on the call's workflow. */
  businessName: string;
}

export interface DialBatch {
  dials: ContactDial[];
  /** Contacts the check held back (do-not-call, no consent, outside the window). */
  held: number;
  /** How long the batch's database work took, in milliseconds. */
  decisionMs: number;
  /** Contacts examined (dialled or held), for the time per decision. */
  decided: number;
}

/** What is left to dial when nothing is due now. */
export interface Remaining {
  /** Contacts that will be due later (retries, windows) or now. */
  open: number;
  /** The earliest of their next attempts (ISO), if any is scheduled. */
  nextDueAt: string | null;
}

/** A call the campaign placed and is waiting on. */
export interface CallInFlight {
  callId: string;
  contactId: string;
}

/** Carried from one run of the workflow to the next (continue-as-new). */
export interface CampaignCarry {
  inFlight: CallInFlight[];
  finished: FinishedCall[];
  /** Pacing: when the next call may be placed (epoch ms), and unused allowance. */
  nextDialAt: number;
  stats: CampaignStats;
  paused: boolean;
  cancel: CancelRequest | null;
}

export interface CampaignStats {
  dialled: number;
  decided: number;
  decisionMs: number;
  runs: number;
}

export interface CampaignWorkflowInput {
  campaignId: string;
  organizationId: string;
  businessId: string;
  /** A run continues as new once its history holds this many events (default 2,000). */
  maxHistoryEvents?: number;
  carry?: CampaignCarry;
}

export interface CampaignResult {
  status: 'completed' | 'canceled';
  stats: CampaignStats;
}

export type CampaignWorkflow = (input: CampaignWorkflowInput) => Promise<CampaignResult>;

/** A call of the campaign ended: the call's workflow says so as it finishes. */
export interface FinishedCall {
  callId: string;
  contactId?: string;
  /** The campaign could not start the call's workflow: the call failed before it began. */
  startFailed?: boolean;
}
export const callFinishedSignal = defineSignal<[FinishedCall]>('callFinished');

/** Contacts were added while the campaign runs: look again for contacts due now. */
export const contactsAddedSignal = defineSignal('contactsAdded');

export interface CancelRequest {
  /** Hang up the calls in progress too; otherwise they finish on their own. */
  endCalls: boolean;
}
/** Each answers the campaign's status once the workflow has recorded the change. */
export const pauseCampaignUpdate = defineUpdate<CampaignStatus>('pause');
export const resumeCampaignUpdate = defineUpdate<CampaignStatus>('resume');
export const cancelCampaignUpdate = defineUpdate<CampaignStatus, [CancelRequest]>('cancel');

export interface CampaignRunView {
  status: CampaignStatus;
  inFlight: number;
  stats: CampaignStats;
  /** As last persisted. */
  progress: CampaignProgress | null;
}
export const campaignProgressQuery = defineQuery<CampaignRunView>('progress');
