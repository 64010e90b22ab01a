import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import {
  acceptEscalationUpdate,
  callEndedSignal,
  completeEscalationUpdate,
  conferenceEventSignal,
  ESCALATION_WORKFLOW_TYPE,
  type EscalationResult,
  type EscalationWorkflowInput,
  escalationWorkflowId,
} from '../../workflows/definitions/escalation.ts';
import { until } from '../support/wait.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * The warm transfer on its own, with its activities stubbed: the agent's leg is dialled, Twilio's
 * conference events say when the agent is in, and an agent leg that cannot be used is hung up.
 */
let harness: WorkflowHarness;
const AGENT_LEG = 'CA-agent-leg';

beforeAll(async () => {
  harness = await startWorkflowHarness();
  harness.stub({ offerEscalation: async () => ({ agentId: 'agent-1' }) });
});
afterAll(async () => {
  await harness?.stop();
});

async function startEscalation() {
  const escalationId = randomUUID();
  const input: EscalationWorkflowInput = {
    escalationId,
    callId: randomUUID(),
    callWorkflowId: `call-${randomUUID()}`,
    organizationId: randomUUID(),
    businessId: randomUUID(),
    callSid: `CA-caller-${escalationId}`,
    businessNumber: '+15550100000',
    request: { reason: 'keyword', detail: 'the caller asked for a manager' },
    triggeredAt: new Date().toISOString(),
    settings: { offerTimeoutSeconds: 30, maxWaitSeconds: 120, department: null, skills: [] },
    handoffNumber: null,
  };
  const handle = await harness.client.workflow.start<(i: EscalationWorkflowInput) => Promise<EscalationResult>>(
    ESCALATION_WORKFLOW_TYPE,
    { taskQueue: harness.taskQueue, workflowId: escalationWorkflowId(escalationId), args: [input] },
  );
  await until(
    () => harness.callsOf('offerEscalation').some((o) => (o as { escalationId: string }).escalationId === escalationId),
    10_000,
    'the offer',
  );
  await handle.executeUpdate(acceptEscalationUpdate, { args: [{ agentId: 'agent-1' }] });
  await until(
    () =>
      harness
        .callsOf('dialAgentIntoConference')
        .some((d) => (d as { escalationId: string }).escalationId === escalationId),
    10_000,
    "the agent's leg to be dialled",
  );
  return { handle, escalationId, callSid: input.callSid! };
}

const hungUp = (callSid: string) =>
  harness.callsOf('hangUp').filter((h) => (h as { callSid: string }).callSid === callSid);

describe('warm transfer', () => {
  it('moves the caller in once Twilio reports the agent in the conference, without polling it', async () => {
    const { handle, callSid } = await startEscalation();
    const polls = harness.callsOf('conferenceParticipants').length;
    await handle.signal(conferenceEventSignal, { event: 'participant-join', callSid: AGENT_LEG });
    await until(
      () => harness.callsOf('moveCallerIntoConference').some((m) => (m as { callSid: string }).callSid === callSid),
      10_000,
      'the caller to be moved',
    );
    await handle.executeUpdate(completeEscalationUpdate, { args: [{ resolved: true, notes: null }] });
    await expect(handle.result()).resolves.toEqual({ status: 'completed', agentId: 'agent-1' });
    expect(harness.callsOf('conferenceParticipants')).toHaveLength(polls);
    expect(hungUp(AGENT_LEG)).toHaveLength(0);
  });

  it("hangs up the agent's leg when the caller cannot be moved into the conference", async () => {
    harness.stub({
      moveCallerIntoConference: async () => {
        throw ApplicationFailure.nonRetryable('the call has already ended', 'CallEnded');
      },
    });
    const { handle, escalationId } = await startEscalation();
    const before = hungUp(AGENT_LEG).length;
    await handle.signal(conferenceEventSignal, { event: 'participant-join', callSid: AGENT_LEG });
    await expect(handle.result()).rejects.toThrow();
    expect(hungUp(AGENT_LEG)).toHaveLength(before + 1);
    expect(harness.callsOf('closeEscalation')).toContainEqual({ escalationId, status: 'cancelled' });
    harness.stub({ moveCallerIntoConference: async () => undefined });
  });

  it("hangs up the agent's leg when the caller hangs up before the agent joins", async () => {
    const { handle, callSid } = await startEscalation();
    const before = hungUp(AGENT_LEG).length;
    await handle.signal(callEndedSignal);
    await until(() => hungUp(AGENT_LEG).length > before, 10_000, "the agent's leg to be hung up");
    expect(harness.callsOf('moveCallerIntoConference')).not.toContainEqual(expect.objectContaining({ callSid }));
    await handle.executeUpdate(completeEscalationUpdate, { args: [{ resolved: false, notes: 'caller gone' }] });
    await expect(handle.result()).resolves.toMatchObject({ status: 'completed' });
  });
});
