import { gql } from '@urql/core';
import type { MutationOutcome } from './graphql.ts';

/** One scored customer line on the call's sentiment timeline. */
export interface SentimentPoint {
  sequence: number;
  at: string;
  compound: number;
  rolling: number;
  label: string;
}

export interface CallSentiment {
  current: number | null;
  timeline: SentimentPoint[];
}

export interface QaComponents {
  sentiment: number;
  compliance: number;
  accuracy: number;
  professionalism: number;
}

export interface Violation {
  rule: string;
  severity: string;
  lineSequence: number | null;
  offsetMs: number | null;
  detail: string;
}

export interface QaScore {
  score: number;
  effectiveScore: number;
  final: boolean;
  grader: string;
  components: QaComponents;
  weights: QaComponents;
  notes: string[];
  violations: Violation[];
  computedAt: string;
  override: { score: number; reason: string; at: string; by: { displayName: string } | null } | null;
}

const COMPONENT_FIELDS = 'sentiment compliance accuracy professionalism';
export const SENTIMENT_FIELDS = 'current timeline { sequence at compound rolling label }';
export const QA_FIELDS = `score effectiveScore final grader computedAt notes
  components { ${COMPONENT_FIELDS} } weights { ${COMPONENT_FIELDS} }
  violations { rule severity lineSequence offsetMs detail }
  override { score reason at by { displayName } }`;

/** The QA components in the order the panel lists them. */
export const QA_COMPONENTS: readonly { key: keyof QaComponents; label: string }[] = [
  { key: 'sentiment', label: 'Sentiment' },
  { key: 'compliance', label: 'Compliance' },
  { key: 'accuracy', label: 'Accuracy' },
  { key: 'professionalism', label: 'Professionalism' },
];

/** A compliance rule as people say it: `prohibited_phrase` → "prohibited phrase". */
export const ruleLabel = (rule: string) => rule.replace(/_/g, ' ');

/** A 0–1 score with two decimals. */
export const formatScore = (score: number | null | undefined) =>
  score === null || score === undefined ? '–' : score.toFixed(2);

/** A sentiment in −1…1 with its sign: "+0.42", "−0.61". */
export const formatSentiment = (value: number | null | undefined) =>
  value === null || value === undefined
    ? '–'
    : `${value > 0 ? '+' : value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;

export const CallSentimentQuery = gql<{
  call: { id: string; sentiment: CallSentiment; qa: QaScore | null } | null;
}>`
  query ConsoleCallSentiment($id: ID!) { call(id: $id) { id sentiment { ${SENTIMENT_FIELDS} } qa { ${QA_FIELDS} } } }
`;

export const CallQaChanged = gql<{ callQaChanged: QaScore }>`
  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ${QA_FIELDS} } }
`;

type QaResult = MutationOutcome & { data?: QaScore };

export const OverrideQaScore = gql<{ overrideQaScore: QaResult }>`
  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {
    overrideQaScore(callId: $callId, score: $score, reason: $reason) {
      __typename
      ... on MutationOverrideQaScoreSuccess { data { ${QA_FIELDS} } }
      ... on Error { message }
    }
  }
`;

export const RecalculateQa = gql<{ recalculateQa: QaResult }>`
  mutation ConsoleRecalculateQa($callId: ID!) {
    recalculateQa(callId: $callId) {
      __typename
      ... on MutationRecalculateQaSuccess { data { ${QA_FIELDS} } }
      ... on Error { message }
    }
  }
`;
