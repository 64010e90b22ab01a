import { performance } from 'node:perf_hooks';
import { callWorkflowInput, insertCall, transitionCall } from '../db/calls.ts';
import {
  campaignPlan,
  contactsCalled,
  lockDueContacts,
  recordProgress,
  remainingContacts,
  setCampaignStatus,
  settleCalls,
} from '../db/campaigns.ts';
import { onDoNotCall } from '../db/do-not-call.ts';
import { Campaign, type CampaignContact } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import { nextOpening } from '../quality/calling-window.ts';
import type {
  CampaignPlan,
  CampaignProgress,
  CampaignStatus,
  ContactDial,
  DialBatch,
  FinishedCall,
  Remaining,
} from '../workflows/definitions/campaign.ts';
import type { WorkerMetrics } from './metrics.ts';

export interface CampaignActivityDeps {
  orm: Orm;
  config: Config;
  metrics: WorkerMetrics;
}

/** Contacts looked at per dial: some are held back (do-not-call, window), so more than the calls wanted. */
const EXAMINED_PER_DIAL = 3;
const MIN_EXAMINED = 20;

/** What the dial-time check decided for one contact. */
type Verdict =
  | { dial: true }
  | { dial: false; status: 'skipped_dnc' | 'skipped_no_consent' | 'skipped_no_window' }
  | { dial: false; status: 'waiting_window'; until: Date };

/**
 * The campaign workflow's work in Postgres: its plan and status, the lawful check at dial time,
 * what each call came to, and progress. Every activity is safe to retry.
 */
export function createCampaignActivities({ orm, config, metrics }: CampaignActivityDeps) {
  /** Whether the law lets this contact be called now: not on the list, consent if needed, inside the window everywhere it may be. */
  function verdict(campaign: Campaign, contact: CampaignContact, dnc: Set<string>, now: Date): Verdict {
    if (dnc.has(contact.phoneNumber)) return { dial: false, status: 'skipped_dnc' };
    if (campaign.requireConsent && contact.consent !== true) return { dial: false, status: 'skipped_no_consent' };
    const zones = contact.timeZone
      ? [contact.timeZone]
      : contact.numberTimeZones.length
        ? contact.numberTimeZones
        : [campaign.timeZone ?? campaign.business.timeZone];
    const opening = nextOpening(now, campaign.callingWindow!, zones);
    if (!opening) return { dial: false, status: 'skipped_no_window' };
    if (opening > now) return { dial: false, status: 'waiting_window', until: opening };
    return { dial: true };
  }

  /** The call a dial places: the business's number, the campaign's voicemail behaviour. */
  function dialOf(campaign: Campaign, contact: CampaignContact, callId: string): ContactDial {
    const business = campaign.business;
    const call = callWorkflowInput(
      config.calls,
      {
        id: business.id,
        answeringMachineDetection: campaign.voicemail.detect,
        voicemailMessage: campaign.voicemail.message,
      },
      {
        callId,
        organizationId: campaign.organization.id,
        direction: 'outbound',
        fromNumber: business.phoneNumbers[0]!,
        toNumber: contact.phoneNumber,
        campaignId: campaign.id,
        campaignContactId: contact.id,
      },
    );
    return { contactId: contact.id, call, businessName: business.name };
  }

  return {
    async readCampaignPlan(input: { campaignId: string }): Promise<CampaignPlan> {
      return campaignPlan(await orm.em.fork().findOneOrFail(Campaign, input.campaignId));
    },

    async setCampaignStatus(input: { campaignId: string; status: CampaignStatus }): Promise<CampaignStatus> {
      return (await setCampaignStatus(orm.em, input.campaignId, input.status)).status;
    },

    /**
     * Takes the next contacts due, checks each at this moment (do-not-call list, consent, calling
     * window), and records a call for each of up to `callIds.length` that may be dialled, in one
     * transaction: the contact moves to `dialling` with the call as its latest attempt. Contacts held
     * back are marked (skipped, or waiting for their window to open). Asked again with the same call
     * ids (a retry after the worker died), it answers the calls it recorded then, and dials no one else.
     */
    async decideDials(input: { campaignId: string; callIds: string[] }): Promise<DialBatch> {
      const started = performance.now();
      const batch = await orm.em.fork().transactional(async (tx) => {
        const campaign = await tx.findOneOrFail(Campaign, input.campaignId, { populate: ['business'] });
        const recorded = await contactsCalled(tx, input.callIds);
        if (recorded.length) {
          return { dials: recorded.map((c) => dialOf(campaign, c, c.lastCallId!)), held: 0, decided: 0 };
        }
        const now = new Date();
        const due = await lockDueContacts(
          tx,
          campaign.id,
          now,
          Math.max(MIN_EXAMINED, input.callIds.length * EXAMINED_PER_DIAL),
        );
        const dnc = await onDoNotCall(
          tx,
          campaign.organization.id,
          due.map((c) => c.phoneNumber),
        );
        const callIds = [...input.callIds];
        const dials: ContactDial[] = [];
        let held = 0;
        let decided = 0;
        for (const contact of due) {
          if (!callIds.length) break;
          decided += 1;
          const decision = verdict(campaign, contact, dnc, now);
          if (!decision.dial) {
            held += 1;
            contact.status = decision.status;
            contact.nextAttemptAt = decision.status === 'waiting_window' ? decision.until : null;
            continue;
          }
          const dial = dialOf(campaign, contact, callIds.shift()!);
          await insertCall(tx, {
            id: dial.call.callId,
            organizationId: campaign.organization.id,
            businessId: campaign.business.id,
            direction: 'outbound',
            fromNumber: dial.call.fromNumber,
            toNumber: dial.call.toNumber,
            campaignId: campaign.id,
            campaignContactId: contact.id,
          });
          Object.assign(contact, {
            status: 'dialling',
            attempts: contact.attempts + 1,
            nextAttemptAt: null,
            lastCallId: dial.call.callId,
            callIds: [...contact.callIds, dial.call.callId],
          });
          dials.push(dial);
        }
        await tx.flush();
        return { dials, held, decided };
      });
      // A retry answers the dials it recorded before: those were counted then.
      if (batch.decided) metrics.dialled(batch.dials.length);
      return { ...batch, decisionMs: performance.now() - started };
    },

    /** Records what the finished calls came to (retries scheduled, attempts used up); answers those settled. */
    async settleCalls(input: { campaignId: string; calls: FinishedCall[] }): Promise<{ settled: string[] }> {
      for (const call of input.calls.filter((c) => c.startFailed)) {
        await transitionCall(orm.em, {
          callId: call.callId,
          status: 'failed',
          at: new Date().toISOString(),
          endReason: 'workflow_start_failed',
        });
      }
      return settleCalls(
        orm.em,
        input.campaignId,
        input.calls.map((c) => c.callId),
        config.calls,
      );
    },

    async recordCampaignProgress(input: { campaignId: string }): Promise<CampaignProgress> {
      return recordProgress(orm.em, input.campaignId);
    },

    async remainingContacts(input: { campaignId: string }): Promise<Remaining> {
      return remainingContacts(orm.em.fork(), input.campaignId);
    },
  };
}
