import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';

/** What the business editor shows and changes. */
export const BusinessFields = graphql(`
  fragment BusinessFields on BusinessConfig {
    id name type description phoneNumbers instructions greeting instructionsVersion voice model language timeZone
    escalationKeywords handoffNumber answeringMachineDetection voicemailMessage active archivedAt callCount updatedAt
    callingHours { start end timeZone days }
    knowledgeLookup { enabled maxResults minScore }
  }
`);
export type Business = ResultOf<typeof BusinessFields>;

export const CreateBusiness = graphql(`
  mutation ConsoleCreateBusiness($input: CreateBusinessInput!) {
    createBusiness(input: $input) {
      __typename
      ... on MutationCreateBusinessSuccess { data { ...BusinessFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

export const UpdateBusiness = graphql(`
  mutation ConsoleUpdateBusiness($id: ID!, $input: UpdateBusinessInput!) {
    updateBusiness(id: $id, input: $input) {
      __typename
      ... on MutationUpdateBusinessSuccess { data { ...BusinessFields } }
      ... on ValidationError { fieldErrors { field message } }
      ... on Error { message }
    }
  }
`);

export const PreviewPrompt = graphql(`
  query ConsolePreviewPrompt($businessId: ID, $draft: AgentPromptDraftInput!) {
    previewAgentPrompt(businessId: $businessId, draft: $draft) {
      prompt
      problems { field message }
      variables { name description value }
    }
  }
`);

export const BUSINESS_TYPES = [
  { value: 'CUSTOMER_SUPPORT', label: 'Customer support' },
  { value: 'SALES', label: 'Sales' },
  { value: 'APPOINTMENTS', label: 'Appointments' },
  { value: 'CUSTOM', label: 'Custom' },
] as const;

export const VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'marin', 'sage', 'shimmer', 'verse'];
export const MODELS = ['gpt-realtime', 'gpt-realtime-mini', 'gpt-4o-realtime-preview', 'gpt-4o-mini-realtime-preview'];
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Field errors by field name ("phoneNumbers.1" also counts for "phoneNumbers"), for a form to show beside each input. */
export function fieldProblems(
  errors: readonly { field: string; message: string }[] | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { field, message } of errors ?? []) {
    const [head, index] = field.split('.');
    const key = head ?? field;
    const text = index !== undefined && /^\d+$/.test(index) ? `${Number(index) + 1}: ${message}` : message;
    out[key] = out[key] ? `${out[key]}; ${text}` : text;
    if (index !== undefined && !/^\d+$/.test(index)) out[field] = message;
  }
  return out;
}

/** "a, b, c" as a list without blanks or repeats. */
export const listOf = (text: string) => [...new Set(text.split(/[,\n]/).map((s) => s.trim()))].filter(Boolean);
