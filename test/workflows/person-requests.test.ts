import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ApplicationFailure } from '@temporalio/common';
import {
  ERASURE_CALL_BATCH,
  PERSON_ERASURE_WORKFLOW_TYPE,
  PERSON_EXPORT_WORKFLOW_TYPE,
  type PersonErasureWorkflow,
  type PersonExportWorkflow,
  personErasureWorkflowId,
  personExportWorkflowId,
} from '../../workflows/definitions/person-requests.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/** The subject-request workflows on their own (activities stubbed): the order of their steps, batching and failure. */
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const subject = { kind: 'phone' as const, value: '+15550100014' };

const erase = (requestId: string, addToDoNotCall: boolean) =>
  harness.client.workflow.execute<PersonErasureWorkflow>(PERSON_ERASURE_WORKFLOW_TYPE, {
    taskQueue: harness.taskQueue,
    workflowId: personErasureWorkflowId(requestId),
    args: [{ requestId, subject, addToDoNotCall }],
  });

describe('person erasure workflow', () => {
  it('erases calls batch by batch until one comes back short, then contacts, archives, the do-not-call entry and workflow executions', async () => {
    const requestId = randomUUID();
    const batches = [ERASURE_CALL_BATCH, ERASURE_CALL_BATCH, 7];
    const remaining = [150, 50, 0];
    harness.stub({
      erasePersonCalls: async () => ({ erased: batches.shift() }),
      deletePersonWorkflows: async () => ({ remaining: remaining.shift() }),
    });
    const result = await erase(requestId, true);
    expect(result).toEqual({ status: 'completed', calls: 2 * ERASURE_CALL_BATCH + 7 });
    const steps = harness.calls
      .filter((call) => (call.input as { requestId?: string }).requestId === requestId)
      .map((call) => call.name);
    expect(steps).toEqual([
      'erasePersonCalls',
      'erasePersonCalls',
      'erasePersonCalls',
      'erasePersonContacts',
      'erasePersonExports',
      'addPersonToDoNotCall',
      'deletePersonWorkflows',
      'deletePersonWorkflows',
      'deletePersonWorkflows',
      'completePersonErasure',
    ]);
  });

  it('marks the request failed with the reason when a step fails for good', async () => {
    const requestId = randomUUID();
    harness.stub({
      erasePersonCalls: async () => ({ erased: 0 }),
      erasePersonContacts: async () => {
        throw ApplicationFailure.nonRetryable('campaign_contact is locked');
      },
    });
    expect(await erase(requestId, false)).toEqual({ status: 'failed', calls: 0 });
    expect(harness.callsOf('failPersonRequest')).toContainEqual({ requestId, error: 'campaign_contact is locked' });
    expect(harness.callsOf('addPersonToDoNotCall')).not.toContainEqual(expect.objectContaining({ requestId }));
  });
});

describe('person export workflow', () => {
  it('writes the archive, keeps it for its retention and then expires it', async () => {
    const requestId = randomUUID();
    const exportId = randomUUID();
    harness.stub({ writePersonArchive: async () => ({ calls: 3 }) });
    const result = await harness.client.workflow.execute<PersonExportWorkflow>(PERSON_EXPORT_WORKFLOW_TYPE, {
      taskQueue: harness.taskQueue,
      workflowId: personExportWorkflowId(requestId),
      args: [{ requestId, exportId, subject, retentionSeconds: 1 }],
    });
    expect(result).toEqual({ status: 'expired', calls: 3 });
    expect(harness.callsOf('expireExport')).toContainEqual({ exportId });
  });
});
