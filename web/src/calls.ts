import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';
import type { CallStatus } from './gql/graphql.ts';

/** What the calls list, the live dashboard and the call page show of every call. */
const CallFields = graphql(`
  fragment CallFields on Call {
    id direction status fromNumber toNumber createdAt statusChangedAt answeredAt durationSeconds workflowUrl
    outcome adversarialScore
    qa { effectiveScore }
    business { id name }
  }
`);
export type CallRow = ResultOf<typeof CallFields>;

/** Every status, in the order a call moves through them. */
export const CALL_STATUSES = [
  'QUEUED',
  'INITIATED',
  'RINGING',
  'IN_PROGRESS',
  'ESCALATED',
  'COMPLETED',
  'BUSY',
  'NO_ANSWER',
  'FAILED',
  'CANCELED',
] as const satisfies readonly CallStatus[];

/** The statuses of a call that is still going: it can be steered, listened to and ended. */
export const ACTIVE_STATUSES: readonly CallStatus[] = CALL_STATUSES.slice(0, 5);
export const isActive = (status: CallStatus) => ACTIVE_STATUSES.includes(status);

/**
 * Merges a newer state of a call into a list (in place). Events and pages arrive in any order:
 * a row is only replaced by a state at least as recent. Answers whether the call was in the list.
 */
export function mergeCall<T extends { id: string; statusChangedAt: string }>(list: T[], row: T): boolean {
  const index = list.findIndex((c) => c.id === row.id);
  if (index < 0) return false;
  if (row.statusChangedAt >= (list[index]?.statusChangedAt ?? '')) list[index] = row;
  return true;
}

export const EndCall = graphql(`
  mutation ConsoleEndCall($id: ID!, $reason: String) {
    endCall(id: $id, reason: $reason) { __typename ... on Error { message } }
  }
`);
