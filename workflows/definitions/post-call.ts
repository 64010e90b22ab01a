/** After a call that had a conversation: its analysis, a child of the call's workflow (`postcall-<call id>`). */

export const POST_CALL_WORKFLOW_TYPE = 'postCallWorkflow';
export const postCallWorkflowId = (callId: string): string => `postcall-${callId}`;

export interface PostCallInput {
  callId: string;
}

export interface PostCallResult {
  /** Who wrote the summary: the model, or the rules when the model failed on every try. */
  summary: 'llm' | 'rules';
  outcome: string;
  /** The extraction's status, or null when the business collects nothing. */
  extraction: string | null;
  adversarialScore: number;
}
export type PostCallWorkflow = (input: PostCallInput) => Promise<PostCallResult>;

/** The instruction that tells the voice agent, mid-call, what it still has to ask for. */
export function missingFieldsInstruction(fields: readonly { name: string; description: string | null }[]): string {
  const list = fields
    .map((f) => (f.description ? `${f.name} (${f.description.replace(/\.$/, '')})` : f.name))
    .join('; ');
  return `Still to collect from the caller: ${list}. Ask for these before the call ends.`;
}
