/** Scoring a call again on request (`recalculateQa`), in the worker: id `qa-<call>`. */

export const QA_RECALCULATION_WORKFLOW_TYPE = 'qaRecalculationWorkflow';
export const qaRecalculationWorkflowId = (callId: string): string => `qa-${callId}`;

export interface QaRecalculationInput {
  callId: string;
  /** Grade the finished call (with the LLM), or score the live call by the rules. */
  final: boolean;
}
export type QaRecalculationWorkflow = (input: QaRecalculationInput) => Promise<void>;
