import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { createPostCallActivities } from '../activities/post-call.ts';
import type { PostCallInput, PostCallResult, PostCallWorkflow } from './definitions/post-call.ts';
import { activityPresets } from './definitions/presets.ts';

type PostCall = ReturnType<typeof createPostCallActivities>;
/** With the model: retried on failure (the activity throws), then answered by the rules. */
const withModel = proxyActivities<PostCall>(activityPresets.postCallModel);
const byRules = proxyActivities<PostCall>(activityPresets.messaging);

/** Runs a part with the model; when every try fails, runs it again by the rules, so the call is never left without it. */
async function withFallback<T>(
  part: (input: { callId: string; useModel: boolean }) => Promise<T>,
  fallback: (input: { callId: string; useModel: boolean }) => Promise<T>,
  callId: string,
): Promise<T> {
  try {
    return await part({ callId, useModel: true });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    return fallback({ callId, useModel: false });
  }
}

/**
 * A finished call's analysis (a child of its call's workflow, id `postcall-<call id>`): summary and
 * outcome, structured extraction and the adversarial score, side by side; then the call carries its
 * outcome and score, a difficult caller raises a notification, and `call.analyzed` goes out.
 */
export async function postCallWorkflow({ callId }: PostCallInput): Promise<PostCallResult> {
  const [summary, extraction, adversarial] = await Promise.all([
    withFallback(withModel.analyzeCall, byRules.analyzeCall, callId),
    withFallback(withModel.extractCallData, byRules.extractCallData, callId),
    withFallback(withModel.scoreAdversarialCaller, byRules.scoreAdversarialCaller, callId),
  ]);
  await byRules.completeCallAnalysis({ callId });
  return {
    summary: summary.source,
    outcome: summary.outcome,
    extraction: extraction?.status ?? null,
    adversarialScore: adversarial.score,
  };
}

postCallWorkflow satisfies PostCallWorkflow;
