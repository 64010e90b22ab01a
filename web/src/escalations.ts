import { gql } from '@urql/core';
import type { MutationOutcome } from './graphql.ts';

export interface AgentRef {
  id: string;
  name: string;
  user: { id: string } | null;
}

export interface EscalationRow {
  id: string;
  status: string;
  reason: string;
  reasonDetail: string | null;
  priority: string;
  triggeredAt: string;
  offeredAt: string | null;
  acceptedAt: string | null;
  connectedAt: string | null;
  completedAt: string | null;
  resolved: boolean | null;
  resolutionNotes: string | null;
  call: { id: string; fromNumber: string; toNumber: string; direction: string; status: string };
  agent: AgentRef | null;
  offers: { offeredAt: string; outcome: string; agent: AgentRef | null }[];
  context: {
    summary: string;
    keyPoints: string[];
    customerNumber: string;
    customerName: string | null;
    reason: string;
    knowledgeUsed: { chunkId: string; title: string; sourceUrl: string | null }[];
    transcriptTail: string[];
  };
}

const AGENT_REF = 'id name user { id }';
export const ESCALATION_FIELDS = `id status reason reasonDetail priority triggeredAt offeredAt acceptedAt connectedAt
  completedAt resolved resolutionNotes
  call { id fromNumber toNumber direction status }
  agent { ${AGENT_REF} }
  offers { offeredAt outcome agent { ${AGENT_REF} } }
  context { summary keyPoints customerNumber customerName reason knowledgeUsed { chunkId title sourceUrl } transcriptTail }`;

/** Escalations someone still has to act on: being routed, offered, or held by an agent. */
export const OPEN_STATUSES: readonly string[] = ['ROUTING', 'OFFERED', 'ACCEPTED', 'CONNECTED'];
export const isOpen = (status: string) => OPEN_STATUSES.includes(status);
/** Held by an agent: the one who can complete it. */
export const HELD_STATUSES: readonly string[] = ['ACCEPTED', 'CONNECTED'];
export const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;

/** Most urgent first, then oldest first (the order of the API's queue). */
export function byUrgency(a: EscalationRow, b: EscalationRow): number {
  const rank = (p: string) => PRIORITIES.indexOf(p as (typeof PRIORITIES)[number]);
  return rank(b.priority) - rank(a.priority) || a.triggeredAt.localeCompare(b.triggeredAt);
}

/** The caller of an escalated call: whoever is not the business. */
export const callerOf = (call: EscalationRow['call']) =>
  call.direction === 'OUTBOUND' ? call.toNumber : call.fromNumber;

export const EscalationChanged = gql<{ escalationChanged: EscalationRow }>`
  subscription ConsoleEscalationChanged { escalationChanged { ${ESCALATION_FIELDS} } }
`;

type EscalationResult = MutationOutcome & { data?: EscalationRow };

export const EscalateCall = gql<{ escalateCall: EscalationResult }>`
  mutation ConsoleEscalateCall($callId: ID!, $reason: String, $priority: Priority) {
    escalateCall(callId: $callId, reason: $reason, priority: $priority) {
      __typename
      ... on MutationEscalateCallSuccess { data { ${ESCALATION_FIELDS} } }
      ... on Error { message }
    }
  }
`;
export const AcceptEscalation = gql<{ acceptEscalation: EscalationResult }>`
  mutation ConsoleAcceptEscalation($id: ID!) {
    acceptEscalation(id: $id) {
      __typename
      ... on MutationAcceptEscalationSuccess { data { ${ESCALATION_FIELDS} } }
      ... on Error { message }
    }
  }
`;
export const DeclineEscalation = gql<{ declineEscalation: EscalationResult }>`
  mutation ConsoleDeclineEscalation($id: ID!) {
    declineEscalation(id: $id) {
      __typename
      ... on MutationDeclineEscalationSuccess { data { ${ESCALATION_FIELDS} } }
      ... on Error { message }
    }
  }
`;
export const CompleteEscalation = gql<{ completeEscalation: EscalationResult }>`
  mutation ConsoleCompleteEscalation($id: ID!, $input: CompleteEscalationInput!) {
    completeEscalation(id: $id, input: $input) {
      __typename
      ... on MutationCompleteEscalationSuccess { data { ${ESCALATION_FIELDS} } }
      ... on Error { message }
    }
  }
`;

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
