import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  POST_CALL_WORKFLOW_TYPE,
  type PostCallWorkflow,
  postCallWorkflowId,
} from '../../workflows/definitions/post-call.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * The post-call analysis workflow on its own (its activities stubbed): a model that fails on every
 * try is retried, then the rules answer, so a call is never left without its analysis.
 */
let harness: WorkflowHarness;

beforeAll(async () => {
  harness = await startWorkflowHarness();
});
afterAll(async () => {
  await harness?.stop();
});

describe('post-call analysis workflow', () => {
  it('retries the model, then falls back to the rules for the parts it failed, and completes the analysis', async () => {
    const modelDown = async (input: { useModel: boolean }) => {
      if (input.useModel) throw new Error('the model is unavailable');
      return { source: 'rules', outcome: 'unresolved' };
    };
    harness.stub({
      analyzeCall: modelDown,
      scoreAdversarialCaller: async (input: { useModel: boolean }) => ({
        score: input.useModel ? 8 : 0,
        flagged: true,
      }),
    });
    const callId = randomUUID();
    const result = await harness.client.workflow.execute<PostCallWorkflow>(POST_CALL_WORKFLOW_TYPE, {
      taskQueue: harness.taskQueue,
      workflowId: postCallWorkflowId(callId),
      args: [{ callId }],
    });
    expect(result).toEqual({ summary: 'rules', outcome: 'unresolved', extraction: null, adversarialScore: 8 });
    const summaries = harness.callsOf('analyzeCall') as { callId: string; useModel: boolean }[];
    // Three tries with the model (the postCallModel preset), then one by the rules.
    expect(summaries.map((s) => s.useModel)).toEqual([true, true, true, false]);
    expect(harness.callsOf('scoreAdversarialCaller')).toEqual([{ callId, useModel: true }]);
    expect(harness.callsOf('completeCallAnalysis')).toEqual([{ callId }]);
  }, 60_000);
});
