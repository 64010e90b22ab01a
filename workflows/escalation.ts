import {
  ApplicationFailure,
  CancellationScope,
  condition,
  getExternalWorkflowHandle,
  patched,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';
import type { createEscalationActivities } from '../activities/escalation.ts';
import type { createTelephonyActivities } from '../activities/telephony.ts';
import {
  acceptEscalationUpdate,
  callEndedSignal,
  completeEscalationUpdate,
  conferenceEventSignal,
  declineEscalationSignal,
  type EscalationEvent,
  type EscalationResult,
  type EscalationWorkflowInput,
  escalationEventSignal,
  escalationWorkflowId,
} from './definitions/escalation.ts';
import { activityPresets } from './definitions/presets.ts';

/** Offers and alerts go out by mail as well. */
const escalations = proxyActivities<ReturnType<typeof createEscalationActivities>>(activityPresets.messaging);
/** The context package may ask OpenAI for a summary. */
const briefing = proxyActivities<ReturnType<typeof createEscalationActivities>>(activityPresets.llm);
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

  /** Call SIDs Twilio reported in the escalation's conference. */
  const joined = new Set<string>();
  setHandler(callEndedSignal, () => {
    callEnded = true;
  });
  setHandler(conferenceEventSignal, ({ event, callSid }) => {
    if (!callSid) return;
    if (event === 'participant-join') joined.add(callSid);
    else if (event === 'participant-leave') joined.delete(callSid);
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
    const { canRoute } = await briefing.openEscalation(input);
    // The caller hears only what has been decided: a colleague is sought only when one could take it.
    const announcesDecisions = patched(DECISIONS_PATCH);
    if (announcesDecisions) {
      await tell({ type: 'state', state: canRoute ? 'routing' : input.handoffNumber ? 'handed_off' : 'callback' });
    }
    if (input.request.reason !== 'tool' && (canRoute || !announcesDecisions)) {
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
      if (announcesDecisions) await tell({ type: 'state', state: 'callback' });
      await tell({
        type: 'say',
        text: 'I am sorry, no colleague is free right now. Someone will call you back at this number as soon as possible.',
      });
      await escalations.closeEscalation({ escalationId: input.escalationId, status: 'callback' });
      return { status: 'callback' };
    }

    // Warm transfer: the agent hears the summary and joins the conference, then the caller joins.
    const agent = offered!;
    if (input.callSid && !callEnded) {
      const transfer = await warmTransfer(input, agent.agentId, {
        callEnded: () => callEnded,
        joined: () => joined,
        tell,
      });
      if (transfer === 'callback') return { status: 'callback', agentId: agent.agentId };
      connected = transfer === 'connected';
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

/** Marks the version that tells the caller only what has been decided, and tells the call where it stands. */
const DECISIONS_PATCH = 'escalation-announces-decisions';

/** Marks the version of the warm transfer that hears of the conference from Twilio and hangs up an agent leg it cannot use. */
const CONFERENCE_EVENTS_PATCH = 'escalation-conference-events';

interface TransferWatch {
  callEnded: () => boolean;
  /** The call SIDs Twilio reports in the conference. */
  joined: () => ReadonlySet<string>;
  tell: (event: EscalationEvent) => Promise<unknown>;
}

/**
 * Rings the agent, who hears the summary and joins the escalation's conference, then moves the
 * caller in (the AI's stream ends). A saga: once the agent's leg is dialled, hanging it up is the
 * undo, run when the caller cannot be moved or the agent never joins. Answers how it ended: the
 * caller with the agent, told that a colleague will call back, or gone (hung up meanwhile).
 */
async function warmTransfer(
  input: EscalationWorkflowInput,
  agentId: string,
  watch: TransferWatch,
): Promise<'connected' | 'callback' | 'caller_gone'> {
  const conference = escalationWorkflowId(input.escalationId);
  const callSid = input.callSid!;
  const { summary, agentNumber, agentName } = await escalations.transferBrief({
    escalationId: input.escalationId,
    agentId,
  });
  await watch.tell({ type: 'say', text: `Thank you for waiting. I am connecting you with ${agentName} now.` });
  const eventDriven = patched(CONFERENCE_EVENTS_PATCH);
  const { agentCallSid } = await telephony.dialAgentIntoConference({
    escalationId: input.escalationId,
    agentNumber,
    callerId: input.businessNumber,
    conference,
    summary,
    ringTimeoutSeconds: AGENT_RING_SECONDS,
    ...(eventDriven && { conferenceEvents: true }),
  });
  const undo: (() => Promise<void>)[] = [];
  if (eventDriven) undo.push(() => telephony.hangUp({ callSid: agentCallSid }));
  const compensate = () =>
    CancellationScope.nonCancellable(async () => {
      for (const step of undo.splice(0).reverse()) await step().catch(() => undefined);
    });
  try {
    const agentJoined = eventDriven
      ? await condition(() => watch.joined().has(agentCallSid) || watch.callEnded(), AGENT_JOIN_TIMEOUT_MS).then(() =>
          watch.joined().has(agentCallSid),
        )
      : await pollForAgent(conference, agentCallSid, watch);
    if (agentJoined && !watch.callEnded()) {
      await telephony.moveCallerIntoConference({ callSid, conference });
      undo.length = 0;
      await escalations.markConnected({ escalationId: input.escalationId });
      await watch.tell({ type: 'connected', agentName });
      return 'connected';
    }
    await compensate();
    if (!watch.callEnded()) {
      if (patched(DECISIONS_PATCH)) await watch.tell({ type: 'state', state: 'callback' });
      await watch.tell({
        type: 'say',
        text: 'I am sorry, I could not reach my colleague. Someone will call you back at this number as soon as possible.',
      });
      await escalations.closeEscalation({ escalationId: input.escalationId, status: 'callback' });
      return 'callback';
    }
    return 'caller_gone';
  } catch (error) {
    await compensate();
    throw error;
  }
}

/** Before conference events: look at the conference's participants every half second. */
async function pollForAgent(conference: string, agentCallSid: string, watch: TransferWatch): Promise<boolean> {
  const joinBy = Date.now() + AGENT_JOIN_TIMEOUT_MS;
  let agentJoined = false;
  while (!agentJoined && !watch.callEnded() && Date.now() < joinBy) {
    agentJoined = (await telephony.conferenceParticipants({ conference })).includes(agentCallSid);
    if (!agentJoined) await sleep(500);
  }
  return agentJoined;
}
