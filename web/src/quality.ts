import type { ResultOf } from '@graphql-typed-document-node/core';
import { graphql } from './gql/gql.ts';

/** The caller's sentiment through a call: one scored point per customer line, and where it stands now. */
const CallSentimentFields = graphql(`
  fragment CallSentimentFields on CallSentiment { current timeline { sequence at compound rolling label } }
`);
export type CallSentiment = ResultOf<typeof CallSentimentFields>;
/** One scored customer line on the call's sentiment timeline. */
export type SentimentPoint = CallSentiment['timeline'][number];

const QaComponentFields = graphql(`
  fragment QaComponentFields on QaComponents { sentiment compliance accuracy professionalism }
`);
type QaComponent = keyof ResultOf<typeof QaComponentFields>;

const QaScoreFields = graphql(`
  fragment QaScoreFields on QaScore {
    score effectiveScore final grader computedAt notes
    components { ...QaComponentFields }
    weights { ...QaComponentFields }
    violations { rule severity lineSequence offsetMs detail }
    override { score reason at by { displayName } }
  }
`);
export type QaScore = ResultOf<typeof QaScoreFields>;
export type Violation = QaScore['violations'][number];

/** The QA components in the order the panel lists them. */
export const QA_COMPONENTS: readonly { key: QaComponent; label: string }[] = [
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

export const CallQaChanged = graphql(`
  subscription ConsoleCallQaChanged($callId: ID!) { callQaChanged(callId: $callId) { ...QaScoreFields } }
`);

export const OverrideQaScore = graphql(`
  mutation ConsoleOverrideQaScore($callId: ID!, $score: Float!, $reason: String!) {
    overrideQaScore(callId: $callId, score: $score, reason: $reason) {
      __typename
      ... on MutationOverrideQaScoreSuccess { data { ...QaScoreFields } }
      ... on Error { message }
    }
  }
`);

export const RecalculateQa = graphql(`
  mutation ConsoleRecalculateQa($callId: ID!) {
    recalculateQa(callId: $callId) {
      __typename
      ... on MutationRecalculateQaSuccess { data { ...QaScoreFields } }
      ... on Error { message }
    }
  }
`);
