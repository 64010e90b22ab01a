import { ApplicationFailure, WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { createCampaignActivities } from '../activities/campaigns.ts';
import { callWorkflow } from './call.ts';
import { CampaignState } from './campaign-state.ts';
import { callWorkflowId, endCallSignal } from './definitions/call.ts';
import {
  type CampaignResult,
  type CampaignStatus,
  type CampaignWorkflow,
  type CampaignWorkflowInput,
  type ContactDial,
  callFinishedSignal,
  campaignProgressQuery,
  cancelCampaignUpdate,
  contactsAddedSignal,
  type FinishedCall,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
} from './definitions/campaign.ts';
import { activityPresets } from './definitions/presets.ts';
import { searchAttributes } from './definitions/search-attributes.ts';

type Activities = ReturnType<typeof createCampaignActivities>;
const db = proxyActivities<Activities>(activityPresets.database);
const batches = proxyActivities<Activities>(activityPresets.campaign);

/** A run continues as new past this many history events, so history stays bounded at any size. */
const MAX_HISTORY_EVENTS = 2_000;
/** Progress reaches Postgres (and the console) at most this often. */
const PROGRESS_EVERY_MS = 2_000;
/** With nothing due, look again at least this often (contacts may have been added, windows opened). */
const IDLE_LOOK_MS = 60_000;
/** Calls in flight are checked against their records this often: a call whose workflow was terminated never reports. */
const RECONCILE_EVERY_MS = 60_000;
/** Calls placed by one dial decision at most. */
const MAX_BATCH = 50;
/** Marks the version of this workflow that records a pause sent as the campaign started (see `patched`). */
const PAUSE_AT_START_PATCH = 'campaign-pause-at-start';

/**
 * An outbound campaign: from its start time on, dials its contacts (paged from Postgres, never held
 * here) through child call workflows, under its pacing rate and its cap on concurrent calls. Each
 * contact is checked at dial time (do-not-call list, consent, calling window in its local time);
 * busy, unanswered and failed attempts come back after their backoff. Pause, resume and cancel are
 * updates; each call reports its end with a signal. Continues as new to keep its history bounded.
 */
export async function campaignWorkflow(input: CampaignWorkflowInput): Promise<CampaignResult> {
  let campaign: CampaignState | undefined;
  // Registered before the plan is read: an update that finds no handler is refused, and a pause
  // sent right after the start would be.
  registerUpdates(() => campaign, input.campaignId);
  const plan = await db.readCampaignPlan({ campaignId: input.campaignId });
  campaign = new CampaignState(plan, input.carry);
  registerHandlers(campaign);
  const result = await runCampaign(campaign, input);
  await condition(allHandlersFinished);
  return result;
}
campaignWorkflow satisfies CampaignWorkflow;

/** Records the campaign's new status (a finished campaign stays finished) and mirrors it in `CampaignStatus`. */
async function moveTo(campaign: CampaignState, campaignId: string, status: CampaignStatus): Promise<CampaignStatus> {
  campaign.status = await db.setCampaignStatus({ campaignId, status });
  upsertSearchAttributes([{ key: searchAttributes.campaignStatus, value: campaign.status }]);
  return campaign.status;
}

function registerHandlers(campaign: CampaignState): void {
  setHandler(callFinishedSignal, (report) => campaign.callFinished(report));
  setHandler(contactsAddedSignal, () => {
    campaign.contactsAdded = true;
  });
  setHandler(campaignProgressQuery, () => campaign.view());
}

/** Refuses the update with why (the caller gets it as the update's failure). */
function refuse(message: string): never {
  throw ApplicationFailure.create({ message, nonRetryable: true });
}

/** What each update requires of the campaign; checked by its validator, and again once the plan is read. */
function mayPause(c: CampaignState): void {
  // A draft here is a campaign whose start this workflow has not recorded yet.
  if (c.cancel || !['draft', 'scheduled', 'running'].includes(c.status))
    refuse(`a ${c.status} campaign cannot be paused`);
}
function mayResume(c: CampaignState): void {
  if (c.cancel || c.status !== 'paused') refuse(`a ${c.status} campaign is not paused`);
}
function mayCancel(c: CampaignState): void {
  if (c.cancel || c.status === 'completed') refuse(`the campaign is already ${c.status}`);
}

/**
 * Pause, resume and cancel. Until the plan is read their validators pass and the handlers wait for
 * it, then check again.
 */
function registerUpdates(current: () => CampaignState | undefined, campaignId: string): void {
  const loaded = async () => {
    await condition(() => current() !== undefined);
    return current()!;
  };
  setHandler(
    pauseCampaignUpdate,
    async () => {
      const c = await loaded();
      mayPause(c);
      c.paused = true;
      return moveTo(c, campaignId, 'paused');
    },
    {
      validator: () => {
        const c = current();
        if (c) mayPause(c);
      },
    },
  );
  setHandler(
    resumeCampaignUpdate,
    async () => {
      const c = await loaded();
      mayResume(c);
      c.paused = false;
      const beforeStart = c.plan.startAt !== null && Date.parse(c.plan.startAt) > Date.now();
      return moveTo(c, campaignId, beforeStart ? 'scheduled' : 'running');
    },
    {
      validator: () => {
        const c = current();
        if (c) mayResume(c);
      },
    },
  );
  setHandler(
    cancelCampaignUpdate,
    async (request) => {
      const c = await loaded();
      mayCancel(c);
      c.cancel = request;
      return moveTo(c, campaignId, 'canceled');
    },
    {
      validator: (_request) => {
        const c = current();
        if (c) mayCancel(c);
      },
    },
  );
}

/** Waits out the start time, dials until nothing is left (or the end time, or a cancel), then lets the calls in flight finish. */
async function runCampaign(campaign: CampaignState, input: CampaignWorkflowInput): Promise<CampaignResult> {
  const { campaignId } = input;
  if (!input.carry) {
    const startAt = campaign.plan.startAt ? Date.parse(campaign.plan.startAt) : 0;
    while (!campaign.cancel && Date.now() < startAt) {
      await condition(() => campaign.cancel !== null, startAt - Date.now());
    }
    if (!campaign.cancel) await moveTo(campaign, campaignId, campaign.paused ? 'paused' : 'running');
    // A pause that came while the start was being recorded may have been recorded first.
    if (campaign.paused && campaign.status !== 'paused' && patched(PAUSE_AT_START_PATCH)) {
      await moveTo(campaign, campaignId, 'paused');
    }
  }
  const endAt = campaign.plan.endAt ? Date.parse(campaign.plan.endAt) : Number.POSITIVE_INFINITY;
  let dirty = true;
  let progressAt = 0;
  let reconciledAt = Date.now();

  /** Records the reported (or all in-flight) calls' outcomes on their contacts. */
  const settle = async (calls: FinishedCall[]) => {
    const { settled } = await db.settleCalls({ campaignId, calls });
    campaign.settled(settled);
    dirty = true;
  };
  const persistProgress = async () => {
    campaign.progress = await db.recordCampaignProgress({ campaignId });
    progressAt = Date.now();
    dirty = false;
  };
  /** Something to act on before a timeout: a call ended, contacts came, a supervisor decided. */
  const woken = () => campaign.finished.length > 0 || campaign.cancel !== null || campaign.contactsAdded;
  /** How long to sleep at most: until progress is due, or the in-flight calls are to be checked. */
  const nap = (limitMs: number) => {
    const now = Date.now();
    const progressDue = dirty ? progressAt + PROGRESS_EVERY_MS - now : Number.POSITIVE_INFINITY;
    const reconcileDue = campaign.inFlight.size ? reconciledAt + RECONCILE_EVERY_MS - now : Number.POSITIVE_INFINITY;
    return Math.max(1, Math.min(limitMs, progressDue, reconcileDue, endAt - now));
  };

  for (;;) {
    if (campaign.finished.length) await settle([...campaign.finished]);
    if (campaign.inFlight.size && Date.now() - reconciledAt >= RECONCILE_EVERY_MS) {
      reconciledAt = Date.now();
      await settle([...campaign.inFlight.values()]);
    }
    if (dirty && Date.now() - progressAt >= PROGRESS_EVERY_MS) await persistProgress();
    if (campaign.cancel || Date.now() >= endAt) break;
    const { historyLength, continueAsNewSuggested } = workflowInfo();
    if (historyLength >= (input.maxHistoryEvents ?? MAX_HISTORY_EVENTS) || continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof campaignWorkflow>({ ...input, carry: campaign.carry() });
    }
    if (campaign.paused) {
      await condition(() => woken() || !campaign.paused, nap(IDLE_LOOK_MS));
      continue;
    }
    const now = Date.now();
    const wanted = Math.min(campaign.freeLines, campaign.allowance(now), MAX_BATCH);
    if (wanted === 0) {
      // At the cap, wait for a call to end; else for the pacing to allow the next call.
      const until = campaign.freeLines ? campaign.nextAllowedAt(now) - now : IDLE_LOOK_MS;
      await condition(() => woken() || campaign.paused, nap(until));
      continue;
    }
    campaign.contactsAdded = false;
    const batch = await batches.decideDials({ campaignId, callIds: Array.from({ length: wanted }, () => uuid4()) });
    campaign.stats.decided += batch.decided;
    campaign.stats.decisionMs += batch.decisionMs;
    if (batch.held) dirty = true;
    if (batch.dials.length) {
      await startCalls(campaign, campaignId, batch.dials);
      campaign.placed(batch.dials.length, Date.now());
      dirty = true;
      continue;
    }
    if (batch.decided) continue; // every contact looked at was held back: look at the next ones
    const remaining = await db.remainingContacts({ campaignId });
    if (!remaining.open && !campaign.inFlight.size) break;
    const nextDue = remaining.nextDueAt ? Date.parse(remaining.nextDueAt) - Date.now() : IDLE_LOOK_MS;
    await condition(() => woken() || campaign.paused, nap(Math.min(IDLE_LOOK_MS, nextDue)));
  }

  // Dialling is over. The calls in flight finish on their own, or are ended when the cancel asked for it.
  if (campaign.cancel?.endCalls) {
    for (const { callId } of campaign.inFlight.values()) {
      await getExternalWorkflowHandle(callWorkflowId(callId))
        .signal(endCallSignal, { reason: 'campaign_canceled' })
        .catch(() => undefined);
    }
  }
  while (campaign.inFlight.size) {
    await condition(() => campaign.finished.length > 0, RECONCILE_EVERY_MS);
    await settle(campaign.finished.length ? [...campaign.finished] : [...campaign.inFlight.values()]);
  }
  const final = campaign.cancel ? 'canceled' : 'completed';
  await moveTo(campaign, campaignId, final);
  await persistProgress();
  return { status: final, stats: campaign.stats };
}

/** Starts each dial's call as a child workflow that outlives this run (continue-as-new, cancel). */
async function startCalls(campaign: CampaignState, campaignId: string, dials: ContactDial[]): Promise<void> {
  await Promise.all(
    dials.map(async ({ contactId, call, businessName }) => {
      campaign.inFlight.set(call.callId, { callId: call.callId, contactId });
      try {
        const child = await startChild(callWorkflow, {
          workflowId: callWorkflowId(call.callId),
          args: [call],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          memo: { business: businessName, direction: call.direction, from: call.fromNumber, to: call.toNumber },
          typedSearchAttributes: [
            { key: searchAttributes.campaignId, value: campaignId },
            { key: searchAttributes.businessId, value: call.businessId },
            { key: searchAttributes.callDirection, value: call.direction },
            { key: searchAttributes.callStatus, value: 'queued' },
          ],
        });
        // The call reports its end with a signal (a later run has no handle on it): its result is not awaited.
        child.result().catch(() => undefined);
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) {
          campaign.finished.push({ callId: call.callId, contactId, startFailed: true });
        }
      }
    }),
  );
}
