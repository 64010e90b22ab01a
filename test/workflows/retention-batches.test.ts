import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { RetentionBatch, RetentionBatchResult } from '../../activities/retention.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/** How a retention run walks its batches, with the activities stubbed (test/workflows/retention.test.ts runs the real ones). */
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness?.stop();
});

const CUTOFFS = { transcripts: '2026-11-25T00:00:00.000Z', calls: '2026-11-02T00:00:00.000Z' };

describe('retentionWorkflow', () => {
  it('continues as new between batches, carrying the kind, the cursor and the counts, and plans and reports once', async () => {
    const organizationId = randomUUID();
    let transcriptBatches = 0;
    let callBatches = 0;
    harness.stub({
      planRetention: async () => ({ startedAt: '2026-12-02T03:00:00.000Z', cutoffs: CUTOFFS }),
      purgeRetentionBatch: async (batch: RetentionBatch): Promise<RetentionBatchResult> => {
        if (batch.kind === 'transcripts') {
          transcriptBatches += 1;
          return {
            removed: { transcripts: 2, eventLog: 1 },
            more: transcriptBatches < 5,
            after: `cursor-${transcriptBatches}`,
          };
        }
        callBatches += 1;
        return { removed: { calls: 2, workflowExecutions: 3 }, more: callBatches < 2, after: `call-${callBatches}` };
      },
    });
    const handle = await harness.client.workflow.start('retentionWorkflow', {
      taskQueue: harness.taskQueue,
      workflowId: `retention-${organizationId}-batches`,
      args: [{ organizationId, batchSize: 2, batchesPerRun: 3 }],
    });
    const report = await handle.result();

    expect(report.removed).toEqual({
      transcripts: 10,
      qaDetails: 0,
      calls: 4,
      notifications: 0,
      eventLog: 5,
      auditLog: 0,
      knowledgeSources: 0,
      workflowExecutions: 6,
    });
    expect(report.startedAt).toBe('2026-12-02T03:00:00.000Z');
    const batches = harness
      .callsOf('purgeRetentionBatch')
      .filter((batch) => (batch as RetentionBatch).organizationId === organizationId) as RetentionBatch[];
    expect(batches.map(({ kind, before, after }) => ({ kind, before, after }))).toEqual([
      { kind: 'transcripts', before: CUTOFFS.transcripts, after: undefined },
      { kind: 'transcripts', before: CUTOFFS.transcripts, after: 'cursor-1' },
      { kind: 'transcripts', before: CUTOFFS.transcripts, after: 'cursor-2' },
      { kind: 'transcripts', before: CUTOFFS.transcripts, after: 'cursor-3' },
      { kind: 'transcripts', before: CUTOFFS.transcripts, after: 'cursor-4' },
      { kind: 'calls', before: CUTOFFS.calls, after: undefined },
      { kind: 'calls', before: CUTOFFS.calls, after: 'call-1' },
    ]);
    expect(batches.every((batch) => batch.limit === 2)).toBe(true);
    const ofThisRun = (name: string) =>
      harness.callsOf(name).filter((input) => (input as { organizationId: string }).organizationId === organizationId);
    expect(ofThisRun('planRetention')).toHaveLength(1);
    expect(ofThisRun('recordRetentionRun')).toEqual([{ organizationId, report }]);

    const first = await harness.client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
  });

  it('does nothing for an organisation without a policy', async () => {
    const organizationId = randomUUID();
    harness.stub({ planRetention: async () => null });
    const report = await harness.client.workflow.execute('retentionWorkflow', {
      taskQueue: harness.taskQueue,
      workflowId: `retention-${organizationId}-none`,
      args: [{ organizationId, batchSize: 2 }],
    });
    expect(Object.values(report.removed).every((removed) => removed === 0)).toBe(true);
    const touched = ['purgeRetentionBatch', 'recordRetentionRun'].flatMap((name) =>
      harness.callsOf(name).filter((input) => (input as { organizationId: string }).organizationId === organizationId),
    );
    expect(touched).toEqual([]);
  });
});
