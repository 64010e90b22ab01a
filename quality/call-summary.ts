/**
 * What a call came to, for the business: a few sentences of summary, the outcome in its own terms,
 * action items and the caller's intent. The model writes it (structured output against a schema
 * whose outcome is one of the business's); when it cannot, simple rules do, so no call is left
 * without one.
 */
import type OpenAI from 'openai';
import { z } from 'zod';
import { LlmOutputError } from './grader.ts';
import type { CallOutcome } from './post-call-settings.ts';
import { completeStructured, numberedTranscript } from './structured-output.ts';

export interface CallSummary {
  summary: string;
  outcome: string;
  actionItems: string[];
  intent: string;
  source: 'llm' | 'rules';
}

export interface SummaryLine {
  sequence: number;
  speaker: string;
  text: string;
}

/** How the call ended, as the platform knows it: what the rules lean on. */
export interface CallFacts {
  status: string;
  endReason: string | null;
  /** The call went to a human (an escalation or a take over). */
  handedToHuman: boolean;
}

export const SUMMARY_PROMPT = `You write the post-call summary a business reads instead of the transcript of one of its phone calls.
The user message says how the call ended and gives the transcript ("[n] Speaker: text" lines).
Answer with a JSON object: "summary" (at most three sentences: who called, what they wanted, what happened), "outcome" (exactly one of the outcomes listed, the one that fits best), "actionItems" (what the business still has to do, at most five short imperatives; empty when nothing), "intent" (why the caller called, in a few words).`;

const summarySchema = (outcomes: readonly CallOutcome[]) => ({
  type: 'object',
  properties: {
    summary: { type: 'string' },
    outcome: { type: 'string', enum: outcomes.map((o) => o.name) },
    actionItems: { type: 'array', items: { type: 'string' }, maxItems: 5 },
    intent: { type: 'string' },
  },
  required: ['summary', 'outcome', 'actionItems', 'intent'],
  additionalProperties: false,
});

/** The model's summary; throws LlmOutputError when its answer cannot be used. */
export async function summarizeWithModel(
  client: OpenAI,
  model: string,
  input: { lines: readonly SummaryLine[]; facts: CallFacts; outcomes: readonly CallOutcome[] },
): Promise<CallSummary> {
  const outcomes = input.outcomes.map((o) => `- ${o.name}: ${o.description}`).join('\n');
  const answer = await completeStructured(client, {
    model,
    system: `${SUMMARY_PROMPT}\nThe outcomes:\n${outcomes}`,
    user: `The call ended: ${describeEnd(input.facts)}.\n\nTranscript:\n${numberedTranscript(input.lines)}`,
    schemaName: 'call_summary',
    schema: summarySchema(input.outcomes),
  });
  const parsed = z
    .object({
      summary: z.string().trim().min(1).max(2000),
      outcome: z.enum(input.outcomes.map((o) => o.name) as [string, ...string[]]),
      actionItems: z.array(z.string().trim().min(1).max(300)).max(10),
      intent: z.string().trim().min(1).max(300),
    })
    .safeParse(answer);
  if (!parsed.success) {
    throw new LlmOutputError(
      `${model} returned a summary of the wrong shape: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return { ...parsed.data, actionItems: parsed.data.actionItems.slice(0, 5), source: 'llm' };
}

const describeEnd = (facts: CallFacts) =>
  `${facts.status}${facts.endReason ? ` (${facts.endReason})` : ''}${facts.handedToHuman ? ', handed to a human' : ''}`;

/** Words that point at an outcome, for the rules; an outcome a business adds is matched by its own name. */
const OUTCOME_CUES: Record<string, RegExp> = {
  callback: /\b(call (me )?back|callback|ring me back|call again later)\b/i,
  sale: /\b(i'?ll (take|buy) it|sign me up|i want to (buy|order|subscribe)|place an order)\b/i,
  not_interested: /\b(not interested|no thanks|no,? thank you|stop calling|remove me|don'?t call)\b/i,
  resolved: /\b(thanks?|thank you|great|perfect|that helps|that'?s all|got it)\b/i,
};

const quote = (text: string) => `"${text.length > 160 ? `${text.slice(0, 157)}...` : text}"`;

/** The summary by rules: the caller's first and last words, an outcome from cue words, follow-ups they asked for. */
export function summarizeByRules(input: {
  lines: readonly SummaryLine[];
  facts: CallFacts;
  outcomes: readonly CallOutcome[];
}): CallSummary {
  const said = input.lines.filter((l) => l.speaker === 'customer' && l.text.trim()).map((l) => l.text.trim());
  const names = input.outcomes.map((o) => o.name);
  const text = said.join('\n');
  const cue = (name: string) =>
    (OUTCOME_CUES[name] ?? new RegExp(`\\b${name.replace(/_/g, '[ _-]')}\\b`, 'i')).test(text);
  const outcome =
    (input.facts.handedToHuman && names.includes('escalated') ? 'escalated' : undefined) ??
    names.find((name) => name !== 'resolved' && name !== 'escalated' && cue(name)) ??
    (names.includes('resolved') && cue('resolved') ? 'resolved' : undefined) ??
    (names.includes('unresolved') ? 'unresolved' : names.at(-1)!);
  const intentLine = said.find((line) => line.split(/\s+/).length > 3) ?? said[0];
  let summary = `The call ended ${describeEnd(input.facts)}.`;
  if (said.length) summary = `The caller said ${quote(said[0]!)}. ${summary}`;
  if (said.length > 1) summary += ` Their last words: ${quote(said.at(-1)!)}.`;
  const actionItems = said
    .filter((line) => /\b(call (me )?back|send me|email me|follow up|let me know)\b/i.test(line))
    .slice(0, 5)
    .map((line) => `Follow up: ${quote(line)}`);
  return {
    summary: said.length ? summary : `Nothing was said by the caller. ${summary}`,
    outcome,
    actionItems,
    intent: intentLine ? intentLine.slice(0, 300) : 'unknown',
    source: 'rules',
  };
}
