/**
 * Customer sentiment with VADER (a lexicon and rules tuned for short, informal speech): per line and
 * as a rolling call score where recent lines count most.
 *
 * VADER is loaded with `createRequire`, so this module runs in Node (activities, bridge, gateway), not
 * in workflow code; workflows receive scores computed here.
 */
import { createRequire } from 'node:module';

export interface Sentiment {
  /** Overall polarity, −1 (most negative) to 1 (most positive). */
  compound: number;
  /** Shares of the text that are positive, neutral and negative; they sum to 1. */
  pos: number;
  neu: number;
  neg: number;
  label: 'positive' | 'neutral' | 'negative';
}

// vader-sentiment is CommonJS without typings.
const vader: {
  SentimentIntensityAnalyzer: {
    polarity_scores(text: string): { compound: number; pos: number; neu: number; neg: number };
  };
} = createRequire(import.meta.url)('vader-sentiment');

/** The thresholds VADER's authors recommend for calling a text positive or negative. */
const LABEL_THRESHOLD = 0.05;
/** Weight of the newest line in the rolling score: about the last four lines dominate. */
const ROLLING_ALPHA = 0.4;

export function scoreSentiment(text: string): Sentiment {
  const { compound, pos, neu, neg } = vader.SentimentIntensityAnalyzer.polarity_scores(text);
  const label = compound >= LABEL_THRESHOLD ? 'positive' : compound <= -LABEL_THRESHOLD ? 'negative' : 'neutral';
  return { compound, pos, neu, neg, label };
}

/** The call's sentiment after one more customer line: an exponential moving average of compounds. */
export function rollingSentiment(previous: number | null, next: number): number {
  return previous === null ? next : previous + ROLLING_ALPHA * (next - previous);
}
