/**
 * The rule-based QA score of a call, 0–1: a weighted mean of four components, each 0–1 and each
 * explained in `notes`. Pure and deterministic: the same transcript and settings give the same score,
 * live during the call, after hang-up and on recalculation.
 */
import { type ComplianceLine, checkCompliance, type Violation } from './compliance.ts';
import type { Sentiment } from './sentiment.ts';
import { rollingSentiment } from './sentiment.ts';
import type { QualitySettings } from './settings.ts';
import type { ToolResult } from './triggers.ts';

export interface QaLine extends ComplianceLine {
  /** VADER scores of a customer line; lines without them do not count towards the sentiment component. */
  sentiment?: Sentiment | null;
  /** Knowledge chunks the agent's line was based on (cited after a lookup). */
  knowledgeChunkIds?: string[];
}

export interface QaInput {
  lines: QaLine[];
  toolResults?: ToolResult[];
  settings: QualitySettings;
  callEnded: boolean;
  callDurationMs: number;
  /** When an outbound call was placed, for the calling-hours rule; null for inbound calls. */
  outboundStartedAt?: Date | null;
}

export interface QaComponents {
  sentiment: number;
  compliance: number;
  accuracy: number;
  professionalism: number;
}

export interface QaResult {
  score: number;
  components: QaComponents;
  /** The weights used, normalised to sum to 1. */
  weights: QaComponents;
  violations: Violation[];
  notes: string[];
}

const PROFANITY = ['damn', 'hell', 'crap', 'shit', 'fuck', 'bloody', 'bastard', 'idiot', 'stupid', 'shut up'];
const GREETING = /\b(hello|hi|good (morning|afternoon|evening)|welcome|thanks? (you )?for calling)\b/i;
const CLOSING = /\b(thank|thanks|goodbye|bye|have a (great|good|nice|lovely) (day|evening|afternoon)|take care)\b/i;
const POLICY_WORDS =
  /\b(policy|policies|refunds?|returns?|warranty|guarantee[ds]?|fees?|charges?|prices?|costs?|hours|deadline|eligible|included|covers?|discount|shipping|delivery)\b/i;
/** Agent turns longer than this many words are hard to follow on the phone. */
const LONG_TURN_WORDS = 60;

const round = (value: number) => Math.round(value * 1000) / 1000;
const clamp = (value: number) => Math.min(1, Math.max(0, value));
const bySpeakerAgent = (line: QaLine) => line.speaker === 'ai' || line.speaker === 'human_agent';

/** A statement of fact the caller may act on: a number, or a policy-like statement that is not a question. */
export function statesFact(text: string): boolean {
  const statement = text.trim();
  return !statement.endsWith('?') && (/\d/.test(statement) || POLICY_WORDS.test(statement));
}

/** Weights scaled to sum to 1 (equal weights if they are all zero). */
export function normaliseWeights(weights: QaComponents): QaComponents {
  const total = weights.sentiment + weights.compliance + weights.accuracy + weights.professionalism;
  if (total <= 0) return { sentiment: 0.25, compliance: 0.25, accuracy: 0.25, professionalism: 0.25 };
  return {
    sentiment: weights.sentiment / total,
    compliance: weights.compliance / total,
    accuracy: weights.accuracy / total,
    professionalism: weights.professionalism / total,
  };
}

/** The overall score: components weighted by the (normalised) weights. */
export function weightedScore(components: QaComponents, weights: QaComponents): number {
  const w = normaliseWeights(weights);
  return round(
    components.sentiment * w.sentiment +
      components.compliance * w.compliance +
      components.accuracy * w.accuracy +
      components.professionalism * w.professionalism,
  );
}

/** Rolling customer sentiment (recent lines weigh most) mapped from −1…1 to 0…1; 0.5 when there is none. */
function sentimentComponent(lines: QaLine[], notes: string[]): number {
  let rolling: number | null = null;
  for (const line of lines) {
    if (line.speaker === 'customer' && line.sentiment) rolling = rollingSentiment(rolling, line.sentiment.compound);
  }
  if (rolling === null) {
    notes.push('sentiment: no scored customer lines, counted as neutral');
    return 0.5;
  }
  notes.push(`sentiment: rolling customer sentiment ${rolling.toFixed(2)}`);
  return (rolling + 1) / 2;
}

/** Share of the agent's factual statements backed by cited knowledge; a failed tool call counts as unbacked. */
function accuracyComponent(lines: QaLine[], toolResults: ToolResult[], notes: string[]): number {
  const claims = lines.filter((line) => bySpeakerAgent(line) && statesFact(line.text));
  const backed = claims.filter((line) => (line.knowledgeChunkIds?.length ?? 0) > 0).length;
  const toolErrors = toolResults.filter((result) => !result.ok).length;
  const total = claims.length + toolErrors;
  if (claims.length) notes.push(`accuracy: ${backed} of ${claims.length} factual statements cite knowledge`);
  if (toolErrors) notes.push(`accuracy: ${toolErrors} tool calls failed`);
  return total === 0 ? 1 : backed / total;
}

function professionalismComponent(input: QaInput, violations: Violation[], notes: string[]): number {
  const agentLines = input.lines.filter(bySpeakerAgent);
  let score = 1;
  const deduct = (amount: number, note: string) => {
    score -= amount;
    notes.push(`professionalism: ${note} (−${amount})`);
  };
  const prohibited = violations.filter((v) => v.rule === 'prohibited_phrase').length;
  if (prohibited) deduct(Math.min(0.6, 0.3 * prohibited), `${prohibited} prohibited phrases`);
  const profane = agentLines.filter((line) =>
    PROFANITY.some((word) => new RegExp(`\\b${word}\\b`, 'i').test(line.text)),
  );
  if (profane.length) deduct(Math.min(0.6, 0.3 * profane.length), `profanity in ${profane.length} lines`);
  if (agentLines.length && !GREETING.test(agentLines[0]!.text)) deduct(0.1, 'no greeting');
  if (input.callEnded && agentLines.length && !agentLines.slice(-2).some((line) => CLOSING.test(line.text)))
    deduct(0.2, 'no polite closing');
  const long = agentLines.filter((line) => line.text.split(/\s+/).length > LONG_TURN_WORDS).length;
  if (long) deduct(Math.min(0.2, 0.05 * long), `${long} turns over ${LONG_TURN_WORDS} words`);
  return clamp(score);
}

/** Scores a call by the rules; every component is 0–1, the score is their weighted mean. */
export function scoreQa(input: QaInput): QaResult {
  const notes: string[] = [];
  const compliance = checkCompliance(input.lines, input.settings, {
    callEnded: input.callEnded,
    callDurationMs: input.callDurationMs,
    outboundStartedAt: input.outboundStartedAt ?? null,
  });
  for (const violation of compliance.violations) notes.push(`compliance: ${violation.detail}`);
  const components: QaComponents = {
    sentiment: round(sentimentComponent(input.lines, notes)),
    compliance: compliance.score,
    accuracy: round(accuracyComponent(input.lines, input.toolResults ?? [], notes)),
    professionalism: round(professionalismComponent(input, compliance.violations, notes)),
  };
  const weights = normaliseWeights(input.settings.qaWeights);
  return {
    score: weightedScore(components, weights),
    components,
    weights,
    violations: compliance.violations,
    notes,
  };
}
