import {
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { createEscalationActivities } from '../activities/escalation.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import {
  acceptEscalationUpdate,
  activityPresets,
  callEndedSignal,
  completeEscalationUpdate,
  declineEscalationSignal,
  type EscalationEvent,
  type EscalationWorkflowInput,
  escalationEventSignal,
  escalationWorkflowId,
} from './shared.ts';

const escalations = proxyActivities<ReturnType<typeof createEscalationActivities>>({
  ...activityPresets.database,
  // The context package may ask OpenAI for a summary.
  startToCloseTimeout: '30 seconds',
});
const telephony = proxyActivities<ReturnType<typeof createTelephonyActivities>>(activityPresets.telephony);

/** How long the agent's phone rings, and how long we wait for them to be in the conference. */
const AGENT_RING_SECONDS = 25;
const AGENT_JOIN_TIMEOUT_MS = 40_000;
/** While nobody is free, look again this often. */
const REROUTE_POLL_MS = 2_000;
/** How long an accept waits for the offer it answers to be recorded here. */
const OFFER_SETTLE_MS = 10_000;
/** A caller on hold hears that they are not forgotten this often. */
const HOLD_REMINDER_MS = 20_000;

export interface EscalationResult {
  status: 'completed' | 'callback' | 'cancelled' | 'handed_off';
  agentId?: string;
}

/**
 * Hands a call to a human (a child of the call's workflow, id `escalation-<id>`). It records the
 * context package, offers the call to the best free agent (in-app and by email) and waits for
 * `accept`; an offer that times out or is declined goes to the next agent. Accepted, it makes a warm
 * transfer: the agent's phone rings, they hear the AI's summary and join a conference, then the
 * caller is moved in and the AI's stream ends. If nobody takes it within the business's limit, the
 * caller is told a colleague will call back and supervisors get a callback task (or, with no agent
 * at all who could take it, the call goes to the business's handoff number when it has one).
 */
export async function escalationWorkflow(input: EscalationWorkflowInput): Promise<EscalationResult> {
  const call = getExternalWorkflowHandle(input.callWorkflowId);
  const tell = (event: EscalationEvent) => call.signal(escalationEventSignal, event).catch(() => undefined);
  let callEnded = false;
  let offered: { agentId: string; attempt: number } | undefined;
  let acceptedBy: string | undefined;
  let declinedBy: string | undefined;
  let completion: { resolved: boolean; notes: string | null } | undefined;
  let closed = false;
  let connected = false;

  setHandler(callEndedSignal, () => {
    callEnded = true;
  });
  setHandler(declineEscalationSignal, ({ agentId }) => {
    if (offered?.agentId === agentId && !acceptedBy) declinedBy = agentId;
  });
  setHandler(
    acceptEscalationUpdate,
    async ({ agentId }) => {
      // The offer is visible (its row, the agent's notification) a moment before its activity returns here.
      await condition(() => offered !== undefined || callEnded || acceptedBy !== undefined, OFFER_SETTLE_MS);
      if (callEnded) throw ApplicationFailure.nonRetryable('the caller has hung up');
      if (acceptedBy) throw ApplicationFailure.nonRetryable('the escalation has already been accepted');
      if (offered?.agentId !== agentId)
        throw ApplicationFailure.nonRetryable('the escalation is not offered to this agent');
      acceptedBy = agentId;
      return { ok: true as const };
    },
    {
      validator: (_accept) => {
        if (callEnded) throw new Error('the caller has hung up');
        if (acceptedBy) throw new Error('the escalation has already been accepted');
      },
    },
  );
  setHandler(
    completeEscalationUpdate,
    // Answers once the row is closed, so whoever completed it reads the final state.
    async (result) => {
      completion = result;
      await escalations.closeEscalation({
        escalationId: input.escalationId,
        status: 'completed',
        resolved: result.resolved,
        notes: result.notes,
      });
      closed = true;
      return { ok: true as const };
    },
    {
      validator: (_result) => {
        if (!acceptedBy) throw new Error('only an accepted escalation can be completed');
        if (completion) throw new Error('the escalation is already complete');
      },
    },
  );

  try {
    const { canRoute } = await escalations.openEscalation(input);
    if (input.request.reason !== 'tool') {
      await tell({
        type: 'say',
        text: 'I am bringing in a colleague who can help with this. Please stay on the line.',
      });
    }
    if (!canRoute && input.handoffNumber) {
      await escalations.closeEscalation({ escalationId: input.escalationId, status: 'handed_off' });
      await tell({
        type: 'handoff',
        toNumber: input.handoffNumber,
        reason: `agent_escalated: ${input.request.reason}`,
      });
      return { status: 'handed_off' };
    }

    // Routing: offer to one agent at a time until someone accepts, the caller hangs up or time runs out.
    let routing = true;
    const reminders = (async () => {
      while (routing) {
        if (await condition(() => !routing, HOLD_REMINDER_MS)) return;
        if (!callEnded)
          await tell({ type: 'say', text: 'Thank you for holding. I am still finding a colleague for you.' });
      }
    })();
    const deadline = Date.now() + input.settings.maxWaitSeconds * 1000;
    const tried: string[] = [];
    let attempt = 0;
    while (!acceptedBy && !callEnded && canRoute && Date.now() < deadline) {
      attempt += 1;
      const agent = await escalations.offerEscalation({
        escalationId: input.escalationId,
        attempt,
        exclude: tried,
        settings: input.settings,
      });
      if (!agent) {
        attempt -= 1; // nobody was offered anything
        await condition(() => callEnded, Math.min(REROUTE_POLL_MS, Math.max(1, deadline - Date.now())));
        // Everyone tried and nobody free: let them be offered again.
        if (tried.length) tried.length = 0;
        continue;
      }
      offered = { agentId: agent.agentId, attempt };
      tried.push(agent.agentId);
      declinedBy = undefined;
      const offerEnds = Math.min(deadline, Date.now() + input.settings.offerTimeoutSeconds * 1000);
      await condition(
        () => acceptedBy !== undefined || declinedBy !== undefined || callEnded,
        Math.max(1, offerEnds - Date.now()),
      );
      if (acceptedBy) {
        await escalations.settleOffer({ escalationId: input.escalationId, attempt, outcome: 'accepted' });
        break;
      }
      await escalations.settleOffer({
        escalationId: input.escalationId,
        attempt,
        outcome: declinedBy ? 'declined' : 'timed_out',
      });
      offered = undefined;
    }

    routing = false;
    await reminders;
    if (callEnded && !acceptedBy) {
      await escalations.closeEscalation({ escalationId: input.escalationId, status: 'cancelled' });
      return { status: 'cancelled' };
    }
    if (!acceptedBy) {
      await tell({
        type: 'say',
        text: 'I am sorry, no colleague is free right now. Someone will call you back at this number as soon as possible.',
      });
      await escalations.closeEscalation({ escalationId: input.escalationId, status: 'callback' });
      return { status: 'callback' };
    }

    // Warm transfer: the agent hears the summary and joins the conference, then the caller joins.
    const agent = offered!;
    const conference = escalationWorkflowId(input.escalationId);
    if (input.callSid && !callEnded) {
      const { summary, agentNumber, agentName } = await escalations.transferBrief({
        escalationId: input.escalationId,
        agentId: agent.agentId,
      });
      await tell({ type: 'say', text: `Thank you for waiting. I am connecting you with ${agentName} now.` });
      const { agentCallSid } = await telephony.dialAgentIntoConference({
        escalationId: input.escalationId,
        agentNumber,
        callerId: input.businessNumber,
        conference,
        summary,
        ringTimeoutSeconds: AGENT_RING_SECONDS,
      });
      const joinBy = Date.now() + AGENT_JOIN_TIMEOUT_MS;
      let agentJoined = false;
      while (!agentJoined && !callEnded && Date.now() < joinBy) {
        agentJoined = (await telephony.conferenceParticipants({ conference })).includes(agentCallSid);
        if (!agentJoined) await sleep(500);
      }
      if (agentJoined && !callEnded) {
        await telephony.moveCallerIntoConference({ callSid: input.callSid, conference });
        connected = true;
        await escalations.markConnected({ escalationId: input.escalationId });
        await tell({ type: 'connected', agentName });
      } else if (!callEnded) {
        await tell({
          type: 'say',
          text: 'I am sorry, I could not reach my colleague. Someone will call you back at this number as soon as possible.',
        });
        await escalations.closeEscalation({ escalationId: input.escalationId, status: 'callback' });
        return { status: 'callback', agentId: agent.agentId };
      }
    }
    // The agent completes it with notes, whether or not the caller is still on the line.
    await condition(() => closed);
    return { status: 'completed', agentId: agent.agentId };
  } catch (error) {
    await CancellationScope.nonCancellable(() =>
      escalations.closeEscalation({ escalationId: input.escalationId, status: connected ? 'completed' : 'cancelled' }),
    );
    throw error;
  }
}
