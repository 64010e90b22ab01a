import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';
import type { EscalationStatus, Priority } from './gql/graphql.ts';

const EscalationFields = graphql(`
  fragment EscalationFields on Escalation {
    id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt
    completedAt resolved resolutionNotes
    call { id fromNumber toNumber direction status }
    agent { id name user { id } }
    offers { offeredAt outcome agent { id name user { id } } }
    context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }
  }
`);
export type EscalationRow = ResultOf<typeof EscalationFields>;

/**
 * Escalations someone still has to act on: being routed, offered, held by an agent, or a caller
 * promised a call back (open until someone closes the callback task).
 */
export const OPEN_STATUSES: readonly EscalationStatus[] = ['ROUTING', 'OFFERED', 'ACCEPTED', 'CONNECTED', 'CALLBACK'];
export const isOpen = (status: EscalationStatus) => OPEN_STATUSES.includes(status);
/** Held by an agent: the one who can complete it. */
export const HELD_STATUSES: readonly EscalationStatus[] = ['ACCEPTED', 'CONNECTED'];
export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const satisfies readonly Priority[];

/** Most urgent first, then oldest first (the order of the API's queue). */
export function byUrgency(a: EscalationRow, b: EscalationRow): number {
  const rank = (p: Priority) => PRIORITIES.indexOf(p);
  return rank(b.priority) - rank(a.priority) || a.triggeredAt.localeCompare(b.triggeredAt);
}

/** The caller of an escalated call: whoever is not the business. */
export const callerOf = (call: EscalationRow['call']) =>
  call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber;

export const EscalationChanged = graphql(`
  subscription ConsoleEscalationChanged { escalationChanged { ...EscalationFields } }
`);

export const EscalateCall = graphql(`
  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {
    escalateCall(callId: $callId, reason: $reason, priority: $priority) {
      __typename
      ... on MutationEscalateCallSuccess { data { ...EscalationFields } }
      ... on Error { message }
    }
  }
`);
export const AcceptEscalation = graphql(`
  mutation ConsoleAcceptEscalation($id: ID!) {
    acceptEscalation(id: $id) {
      __typename
      ... on MutationAcceptEscalationSuccess { data { ...EscalationFields } }
      ... on Error { message }
    }
  }
`);
export const DeclineEscalation = graphql(`
  mutation ConsoleDeclineEscalation($id: ID!) {
    declineEscalation(id: $id) {
      __typename
      ... on MutationDeclineEscalationSuccess { data { ...EscalationFields } }
      ... on Error { message }
    }
  }
`);
export const CompleteCallback = graphql(`
  mutation ConsoleCompleteCallback($id: ID!, $input: CompleteEscalationInput!) {
    completeCallback(id: $id, input: $input) {
      __typename
      ... on MutationCompleteCallbackSuccess { data { ...EscalationFields } }
      ... on Error { message }
    }
  }
`);

export const CompleteEscalation = graphql(`
  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {
    completeEscalation(id: $id, input: $input) {
      __typename
      ... on MutationCompleteEscalationSuccess { data { ...EscalationFields } }
      ... on Error { message }
    }
  }
`);

/**
 * Merges a newer state of an escalation into a list (in place), adding it when new; the list stays
 * in queue order.
 */
export function mergeEscalation(list: EscalationRow[], row: EscalationRow): void {
  const index = list.findIndex((e) => e.id === row.id);
  const current = list[index];
  if (!current) list.push(row);
  // A closed escalation never reopens: an older state arriving late changes nothing.
  else if (isOpen(current.status) || !isOpen(row.status)) list[index] = row;
  list.sort(byUrgency);
}
