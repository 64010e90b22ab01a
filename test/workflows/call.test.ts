import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import { bridgeTaskQueue } from '../../workflows/definitions/bridge.ts';
import {
  bridgeAttachedSignal,
  CALL_WORKFLOW_TYPE,
  type CallWorkflow,
  type CallWorkflowInput,
  callWorkflowId,
  conversationQuery,
  interveneUpdate,
  streamEndedUpdate,
  streamStoppedSignal,
  transcriptLineSignal,
  twilioStatusSignal,
} from '../../workflows/definitions/call.ts';
import { until } from '../support/wait.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * The call workflow on its own: the real workflow code on the real dev server, its activities
 * stubbed, so a workflow bug shows here as a workflow test failure.
 */
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness?.stop();
});

function callInput(overrides: Partial<CallWorkflowInput> = {}): CallWorkflowInput {
  return {
    callId: randomUUID(),
    organizationId: randomUUID(),
    businessId: randomUUID(),
    direction: 'outbound',
    fromNumber: '+15550100000',
    toNumber: '+15550100001',
    ringTimeoutSeconds: 30,
    maxDurationSeconds: 600,
    ...overrides,
  };
}

async function startCall(input = callInput()): Promise<WorkflowHandle<CallWorkflow>> {
  return harness.client.workflow.start<CallWorkflow>(CALL_WORKFLOW_TYPE, {
    taskQueue: harness.taskQueue,
    workflowId: callWorkflowId(input.callId),
    args: [input],
  });
}

const twilio = (status: string, sequenceNumber = 0) => ({ callSid: 'CA-test', status, sequenceNumber });
const statusesOf = (callId: string) =>
  harness
    .callsOf('setCallStatus')
    .filter((change) => (change as { callId: string }).callId === callId)
    .map((change) => (change as { status: string }).status);

describe('call workflow', () => {
  it('moves a call forward only: a late ringing after completed changes nothing', async () => {
    const input = callInput();
    const call = await startCall(input);
    await call.signal(twilioStatusSignal, twilio('ringing', 1));
    await call.signal(twilioStatusSignal, twilio('in-progress', 2));
    await call.signal(twilioStatusSignal, twilio('completed', 3));
    await call.signal(twilioStatusSignal, twilio('ringing', 4)).catch(() => undefined);
    await expect(call.result()).resolves.toEqual({ status: 'completed', endReason: 'hangup' });
    expect(statusesOf(input.callId)).toEqual(['initiated', 'ringing', 'in_progress', 'completed']);
  });

  it('hangs up a call nobody answers after the ring timeout, as no_answer', async () => {
    const input = callInput({ ringTimeoutSeconds: 1 });
    const call = await startCall(input);
    await until(() => harness.callsOf('hangUp').length > 0, 10_000, 'the hang-up');
    await call.signal(twilioStatusSignal, twilio('no-answer'));
    await expect(call.result()).resolves.toEqual({ status: 'no_answer', endReason: 'ring_timeout' });
  });

  it('numbers transcript lines itself and drops a line a bridge sent twice', async () => {
    const call = await startCall();
    await call.signal(twilioStatusSignal, twilio('in-progress'));
    const line = { callId: 'ignored', speaker: 'customer' as const, startMs: 0, endMs: 500 };
    await call.signal(transcriptLineSignal, { ...line, session: 'bridge-a', sequence: 0, text: 'Hello?' });
    await call.signal(transcriptLineSignal, { ...line, session: 'bridge-a', sequence: 0, text: 'Hello?' });
    // A second bridge after the first died numbers from 0 again; the workflow keeps counting.
    await call.signal(transcriptLineSignal, { ...line, session: 'bridge-b', sequence: 0, text: 'Are you there?' });
    const conversation = await call.query(conversationQuery);
    expect(conversation.nextSequence).toBe(2);
    expect(conversation.lines.map((l) => l.text)).toEqual(['Hello?', 'Are you there?']);
    await call.signal(twilioStatusSignal, twilio('completed'));
    await call.result();
  });

  it('streams a lost media stream again, the caller asked to hold once, then pausing between tries', async () => {
    const call = await startCall();
    await call.signal(twilioStatusSignal, twilio('in-progress'));
    await until(async () => (await call.query('status')) === 'in_progress', 10_000, 'the call to be answered');
    const lost = () => call.executeUpdate(streamEndedUpdate, { args: [] });
    await expect(lost()).resolves.toEqual({ reconnect: true, stream: 1, holdSeconds: 0, holdMessage: true });
    await expect(lost()).resolves.toEqual({ reconnect: true, stream: 2, holdSeconds: 2, holdMessage: false });
    // A bridge attached: the outage is over, and the next loss is the first try of a new one.
    await call.signal(bridgeAttachedSignal, { instanceId: 'b', url: 'ws://b' });
    await expect(lost()).resolves.toMatchObject({ reconnect: true, stream: 3, holdMessage: true });
    expect((await call.query(conversationQuery)).stream).toBe(3);
    await call.signal(twilioStatusSignal, twilio('completed'));
    await call.result();
  });

  it('stops streaming a lost call again once the recovery budget has passed', async () => {
    const call = await startCall(callInput({ streamRecoverySeconds: 1 }));
    await call.signal(twilioStatusSignal, twilio('in-progress'));
    await until(async () => (await call.query('status')) === 'in_progress', 10_000, 'the call to be answered');
    await expect(call.executeUpdate(streamEndedUpdate, { args: [] })).resolves.toMatchObject({ reconnect: true });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(call.executeUpdate(streamEndedUpdate, { args: [] })).resolves.toEqual({ reconnect: false });
    await call.signal(twilioStatusSignal, twilio('completed'));
    await call.result();
  });

  it("decides a reconnect on Twilio's latest report even while the status write is still pending", async () => {
    let releaseWrite: () => void = () => undefined;
    const input = callInput();
    harness.stub({
      setCallStatus: async (change: { callId: string; status: string }) => {
        if (change.callId === input.callId && change.status === 'in_progress') {
          await new Promise<void>((resolve) => (releaseWrite = resolve));
        }
        return { changed: true };
      },
    });
    try {
      const call = await startCall(input);
      await call.signal(twilioStatusSignal, twilio('in-progress'));
      await until(() => statusesOf(input.callId).includes('in_progress'), 10_000, 'the in_progress write to start');
      expect(await call.query('status')).toBe('initiated');
      await expect(call.executeUpdate(streamEndedUpdate, { args: [] })).resolves.toMatchObject({ reconnect: true });
      releaseWrite();
      await call.signal(twilioStatusSignal, twilio('completed'));
      await call.result();
    } finally {
      harness.stub({ setCallStatus: async () => ({ changed: true }) });
    }
  });

  it('asks Twilio how the call stands once its stream stopped, and ends it when Twilio says it is over', async () => {
    harness.stub({ callStatus: async () => ({ status: 'completed' }) });
    try {
      const call = await startCall();
      await call.signal(twilioStatusSignal, twilio('in-progress'));
      // The final callback never comes (the gateway was down): only the stream's stop is heard.
      await call.signal(streamStoppedSignal);
      await expect(call.result()).resolves.toEqual({ status: 'completed', endReason: 'hangup' });
    } finally {
      harness.stub({ callStatus: async () => ({ status: 'ringing' }) });
    }
  });

  it('asks Twilio after a silence longer than the limit, without waiting for the maximum duration', async () => {
    harness.stub({ callStatus: async () => ({ status: 'completed' }) });
    try {
      const call = await startCall(callInput({ reconcileAfterSeconds: 1 }));
      await call.signal(twilioStatusSignal, twilio('in-progress'));
      await expect(call.result()).resolves.toMatchObject({ status: 'completed' });
    } finally {
      harness.stub({ callStatus: async () => ({ status: 'ringing' }) });
    }
  });

  it('asks Twilio before hanging up at the ring timeout, and keeps a call Twilio says was answered', async () => {
    const input = callInput({ ringTimeoutSeconds: 1 });
    harness.stub({ callStatus: async () => ({ status: 'in-progress' }) });
    try {
      const call = await startCall(input);
      await until(async () => (await call.query('status')) === 'in_progress', 10_000, 'the call to be answered');
      expect(harness.callsOf('hangUp')).not.toContainEqual(expect.objectContaining({ callSid: 'CA-test' }));
      await call.signal(twilioStatusSignal, twilio('completed'));
      await expect(call.result()).resolves.toMatchObject({ status: 'completed' });
    } finally {
      harness.stub({ callStatus: async () => ({ status: 'ringing' }) });
    }
  });

  it('finishes a supervisor intervention in flight before the workflow returns', async () => {
    const instanceId = `bridge-${randomUUID()}`;
    let releaseIntervention: () => void = () => undefined;
    await harness.activityWorker(bridgeTaskQueue(instanceId), {
      intervene: () => new Promise<void>((resolve) => (releaseIntervention = resolve)),
    });
    const call = await startCall();
    await call.signal(twilioStatusSignal, twilio('in-progress'));
    await call.signal(bridgeAttachedSignal, { instanceId, url: 'ws://bridge.test' });
    await until(async () => (await call.query('status')) === 'in_progress', 10_000, 'the call to be answered');
    const intervened = call.executeUpdate(interveneUpdate, { args: [{ action: 'say', text: 'One moment, please.' }] });
    await until(() => harness.callsOf('intervene').length > 0, 10_000, 'the intervention to reach the bridge');
    await call.signal(twilioStatusSignal, twilio('completed'));
    // The bridge answers only after the workflow has wrapped the call up (the trailing-lines wait is 1.5 s).
    setTimeout(() => releaseIntervention(), 3_000);
    await expect(intervened).resolves.toEqual({ ok: true });
    await expect(call.result()).resolves.toMatchObject({ status: 'completed' });
  });
});
