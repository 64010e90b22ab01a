/**
 * Chat Completions with structured output: the answer is asked for against a JSON Schema
 * (`response_format: json_schema`) and parsed; what it means is checked by the caller. The schema is
 * sent non-strict, because a business's own schema need not meet strict mode's rules (every property
 * required, no formats): the answer is validated against it afterwards instead.
 */
import type OpenAI from 'openai';
import { LlmOutputError } from './grader.ts';

export async function completeStructured(
  client: OpenAI,
  request: { model: string; system: string; user: string; schemaName: string; schema: Record<string, unknown> },
): Promise<unknown> {
  const completion = await client.chat.completions.create({
    model: request.model,
    temperature: 0,
    response_format: {
      type: 'json_schema',
      json_schema: { name: request.schemaName, schema: request.schema, strict: false },
    },
    messages: [
      { role: 'system', content: request.system },
      { role: 'user', content: request.user },
    ],
  });
  const message = completion.choices[0]?.message;
  if (message?.refusal) throw new LlmOutputError(`${request.model} refused: ${message.refusal}`);
  const content = message?.content;
  if (!content) throw new LlmOutputError(`${request.model} returned no content`);
  try {
    return JSON.parse(content);
  } catch {
    throw new LlmOutputError(`${request.model} returned content that is not JSON: ${content.slice(0, 200)}`);
  }
}

/** A transcript with each line's number, so the model can cite where it heard something: "[12] Customer: …". */
export function numberedTranscript(lines: readonly { sequence: number; speaker: string; text: string }[]): string {
  const label: Record<string, string> = { customer: 'Customer', ai: 'AI', human_agent: 'Agent', system: 'System' };
  return lines
    .map(
      (line) => `[${line.sequence}] ${label[line.speaker] ?? line.speaker}: ${line.text.replace(/\s+/g, ' ').trim()}`,
    )
    .join('\n');
}
