/**
 * The LLM side of quality: a QA grade against a rubric, and the summary a human agent reads before
 * taking over a call. Both use OpenAI Chat Completions in JSON mode (the Realtime simulator answers
 * them too); the rule-based score in ./qa.ts is the fallback when grading fails.
 */
import type OpenAI from 'openai';
import { z } from 'zod';
import { AppError } from '../lib/errors.ts';
import type { QaComponents, QaLine } from './qa.ts';
import { weightedScore } from './qa.ts';
import { DEFAULT_QUALITY_SETTINGS } from './settings.ts';

export const DEFAULT_LLM_MODEL = 'gpt-4.1-mini';

/** The grading instructions (system prompt); the transcript, as `formatTranscript` writes it, is the user message. */
export const QA_RUBRIC = `You are a call-center quality assurance grader. The user message is the transcript of one phone call between a customer and an agent (an AI or a human).
Each line reads "[mm:ss] Speaker: text", where Speaker is Customer, AI, Agent or System. An agent line ending in "[sources: ...]" was based on those knowledge-base entries.
Grade the call on four components, each a number from 0 (worst) to 1 (best):
- sentiment: how the customer felt, above all by the end of the call.
- compliance: the agent made the required disclosures and never read out card numbers, social security numbers, bank account numbers or other personal data.
- accuracy: every factual statement of the agent (numbers, prices, dates, policies) is backed by a cited source; unbacked claims and failed requests lower it.
- professionalism: the agent greeted the caller, was polite, used no profanity, kept turns short and closed the call politely.
Answer with a JSON object only: {"sentiment": number, "compliance": number, "accuracy": number, "professionalism": number, "rationale": string}, the rationale in at most three sentences.`;

/** The handoff instructions (system prompt); the user message gives the reason and the transcript. */
export const HANDOFF_PROMPT = `You write the handoff summary a human agent reads in a few seconds before taking over a phone call from an AI agent, so that the customer never has to repeat themselves.
The user message gives the reason for the escalation and the call transcript ("[mm:ss] Speaker: text" lines).
Answer with a JSON object only: {"summary": string, "keyPoints": string[]}: the summary in at most three sentences (who is calling, what they want, what was tried, why they are being handed over), and at most five key points (facts the agent needs, such as order numbers, dates and what the customer already said).`;

/** The model's answer could not be used: not JSON, or not the shape the prompt asked for. */
export class LlmOutputError extends AppError {
  readonly code = 'LLM_OUTPUT_INVALID';
  constructor(message: string) {
    super(message);
    this.name = 'LlmOutputError';
  }
}

export interface LlmGrade {
  score: number;
  components: QaComponents;
  rationale: string;
}

export interface HandoffSummary {
  summary: string;
  keyPoints: string[];
  /** Who wrote it; `rules` when there is no client or the model's answer could not be used. */
  source: 'llm' | 'rules';
}

const SPEAKER_LABELS: Record<QaLine['speaker'], string> = {
  customer: 'Customer',
  ai: 'AI',
  human_agent: 'Agent',
  system: 'System',
};

const clock = (offsetMs: number) => {
  const seconds = Math.max(0, Math.floor(offsetMs / 1000));
  return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
};

/** The transcript as the rubric describes it: "[mm:ss] Speaker: text", agent lines with their cited sources. */
export function formatTranscript(lines: readonly QaLine[]): string {
  return lines
    .map((line) => {
      const sources = line.knowledgeChunkIds?.length ? ` [sources: ${line.knowledgeChunkIds.join(', ')}]` : '';
      return `[${clock(line.offsetMs)}] ${SPEAKER_LABELS[line.speaker]}: ${line.text.replace(/\s+/g, ' ').trim()}${sources}`;
    })
    .join('\n');
}

async function completeJson(client: OpenAI, model: string, system: string, user: string): Promise<unknown> {
  const completion = await client.chat.completions.create({
    model,
    temperature: 0,
    response_format: { type: 'json_object' },
    messages: [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ],
  });
  const content = completion.choices[0]?.message.content;
  if (!content) throw new LlmOutputError(`${model} returned no content`);
  try {
    return JSON.parse(content);
  } catch {
    throw new LlmOutputError(`${model} returned content that is not JSON: ${content.slice(0, 200)}`);
  }
}

const unit = z.number().min(0).max(1);
const gradeSchema = z.object({
  sentiment: unit,
  compliance: unit,
  accuracy: unit,
  professionalism: unit,
  rationale: z.string().trim().min(1).max(2000),
});

/**
 * Grades a call with the model against `rubric`; the score weighs the model's components with the
 * business's `weights`, as the rule-based score does. Throws LlmOutputError when the answer is unusable.
 */
export async function gradeWithLlm(
  client: OpenAI,
  model: string,
  transcript: string,
  rubric: string = QA_RUBRIC,
  weights: QaComponents = DEFAULT_QUALITY_SETTINGS.qaWeights,
): Promise<LlmGrade> {
  const parsed = gradeSchema.safeParse(await completeJson(client, model, rubric, transcript));
  if (!parsed.success) {
    throw new LlmOutputError(
      `${model} returned a grade of the wrong shape: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  const { rationale, ...components } = parsed.data;
  return { score: weightedScore(components, weights), components, rationale };
}

const summarySchema = z.object({
  summary: z.string().trim().min(1).max(2000),
  keyPoints: z.array(z.string().trim().min(1).max(500)).max(10),
});

/**
 * What a human agent needs before taking over: the model writes it when there is a client; otherwise,
 * or when the model fails, simple rules do, so an escalation never waits on the summary.
 */
export async function summarizeForHandoff(
  client: OpenAI | null,
  transcript: string,
  reason: string,
  model: string = DEFAULT_LLM_MODEL,
): Promise<HandoffSummary> {
  if (client) {
    try {
      const answer = await completeJson(
        client,
        model,
        HANDOFF_PROMPT,
        `Reason for escalation: ${reason}\n\nTranscript:\n${transcript}`,
      );
      const parsed = summarySchema.safeParse(answer);
      if (parsed.success) return { ...parsed.data, keyPoints: parsed.data.keyPoints.slice(0, 5), source: 'llm' };
    } catch {
      // Fall through to the rules: the human agent is waiting.
    }
  }
  return { ...summarizeByRules(transcript, reason), source: 'rules' };
}

/** A transcript line as `formatTranscript` writes it; also plain "customer: text" lines with stored speaker names. */
const TRANSCRIPT_LINE =
  /^(?:\[[\d:]+\]\s*)?(customer|ai|agent|human_agent|system):\s*(.*?)(?:\s*\[sources: [^\]]*\])?$/i;
const quote = (text: string) => `"${text.length > 200 ? `${text.slice(0, 197)}...` : text}"`;

/** The caller's first and latest words, and the lines most likely to matter: questions and anything with numbers. */
function summarizeByRules(transcript: string, reason: string): { summary: string; keyPoints: string[] } {
  const said = transcript
    .split('\n')
    .map((line) => TRANSCRIPT_LINE.exec(line.trim()))
    .filter((match) => match !== null)
    .map(([, speaker, text]) => ({ speaker: speaker!.toLowerCase(), text: text! }))
    .filter((line) => line.text);
  const customer = said.filter((line) => line.speaker === 'customer').map((line) => line.text);
  let summary = `Escalated: ${reason}.`;
  if (customer.length) summary += ` The caller first said ${quote(customer[0]!)}.`;
  if (customer.length > 1) summary += ` Most recently: ${quote(customer.at(-1)!)}.`;
  const notable = customer.filter((text) => text.endsWith('?') || /\d/.test(text));
  const keyPoints = [...new Set(notable.length ? notable : customer.slice(-3))].slice(0, 5).map(quote);
  return { summary, keyPoints };
}
