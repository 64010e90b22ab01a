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

  it('streams a lost media stream again while the call is up, and not once it has ended', async () => {
    const call = await startCall();
    await call.signal(twilioStatusSignal, twilio('in-progress'));
    await until(async () => (await call.query('status')) === 'in_progress', 10_000, 'the call to be answered');
    await expect(call.executeUpdate(streamEndedUpdate, { args: [] })).resolves.toEqual({ reconnect: true });
    await call.signal(twilioStatusSignal, twilio('completed'));
    await call.result();
    const ended = await startCall();
    await ended.signal(twilioStatusSignal, twilio('completed'));
    await ended.result();
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
