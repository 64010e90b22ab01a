import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ENCRYPTED_ENCODING } from '../../lib/payload-codec.ts';
import {
  CALL_WORKFLOW_TYPE,
  type CallWorkflow,
  callWorkflowId,
  transcriptLineSignal,
  twilioStatusSignal,
} from '../../workflows/definitions/call.ts';
import { until } from '../support/wait.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * Deploying the payload codec under running calls: a call started by a worker without it goes on
 * and ends correctly on a worker with it, its older payloads read as they were, its newer sealed.
 */
const harnesses: WorkflowHarness[] = [];
afterAll(async () => {
  for (const harness of harnesses) await harness.stop();
});

const encodingsOf = async (harness: WorkflowHarness, workflowId: string) => {
  const history = await harness.client.workflow.getHandle(workflowId).fetchHistory();
  const decoder = new TextDecoder();
  return (history.events ?? []).flatMap((event) =>
    [
      event.workflowExecutionStartedEventAttributes?.input,
      event.workflowExecutionSignaledEventAttributes?.input,
      event.activityTaskScheduledEventAttributes?.input,
    ].flatMap((payloads) => (payloads?.payloads ?? []).map((p) => decoder.decode(p.metadata?.encoding ?? undefined))),
  );
};

describe('deploying the payload codec', () => {
  it('lets a call started before it finish after it, older payloads plain and newer ones sealed', async () => {
    const before = await startWorkflowHarness({ codec: false });
    harnesses.push(before);
    const callId = randomUUID();
    const workflowId = callWorkflowId(callId);
    const call = await before.client.workflow.start<CallWorkflow>(CALL_WORKFLOW_TYPE, {
      taskQueue: before.taskQueue,
      workflowId,
      args: [
        {
          callId,
          organizationId: randomUUID(),
          businessId: randomUUID(),
          direction: 'outbound',
          fromNumber: '+15550100000',
          toNumber: '+15550100001',
          ringTimeoutSeconds: 30,
          maxDurationSeconds: 600,
        },
      ],
    });
    await call.signal(twilioStatusSignal, { callSid: 'CA-deploy', status: 'in-progress', sequenceNumber: 1 });
    await until(() => before.callsOf('setCallStatus').length >= 2, 15_000, 'the call in progress before the deploy');
    await before.stop();
    harnesses.splice(harnesses.indexOf(before), 1);

    // The new release: same queue, the codec on the worker and on every client.
    const after = await startWorkflowHarness({ taskQueue: before.taskQueue });
    harnesses.push(after);
    const resumed = after.client.workflow.getHandle<CallWorkflow>(workflowId);
    await resumed.signal(transcriptLineSignal, {
      callId,
      session: 'after-deploy',
      sequence: 1,
      speaker: 'customer',
      text: 'Said after the deploy.',
      startMs: 0,
      endMs: 900,
    });
    await resumed.signal(twilioStatusSignal, { callSid: 'CA-deploy', status: 'completed', sequenceNumber: 2 });
    await expect(resumed.result()).resolves.toEqual({ status: 'completed', endReason: 'hangup' });

    const encodings = await encodingsOf(after, workflowId);
    expect(encodings[0]).toBe('json/plain');
    expect(encodings.at(-1)).toBe(ENCRYPTED_ENCODING);
    // The new worker ran the rest of the call: it recorded the call's end.
    expect(after.callsOf('setCallStatus').map((change) => (change as { status: string }).status)).toContain(
      'completed',
    );
  });
});
