import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type OpenAI from 'openai';
import { createOpenAiClient } from '../../lib/openai.ts';
import {
  formatTranscript,
  gradeWithLlm,
  LlmOutputError,
  QA_RUBRIC,
  summarizeForHandoff,
} from '../../quality/grader.ts';
import type { QaLine } from '../../quality/qa.ts';
import { type RealtimeSimulator, startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { simulatorTls, type TlsFiles } from '../../scripts/simulators/tls.ts';

const line = (sequence: number, speaker: QaLine['speaker'], text: string, knowledgeChunkIds?: string[]): QaLine => ({
  sequence,
  speaker,
  text,
  offsetMs: sequence * 5000,
  ...(knowledgeChunkIds && { knowledgeChunkIds }),
});

const politeCall = formatTranscript([
  line(1, 'ai', 'Hello, thanks for calling Acme. How can I help you today?'),
  line(2, 'customer', 'Hi, how long do I have to return a jacket?'),
  line(3, 'ai', 'Returns are accepted within 30 days of delivery.', ['chunk-returns-1']),
  line(4, 'customer', 'Perfect, thanks, that was helpful.'),
  line(5, 'ai', 'Thank you for calling, have a great day. Goodbye!'),
]);

const rudeCall = formatTranscript([
  line(1, 'ai', 'Yes?'),
  line(2, 'customer', 'This is ridiculous, my order is late again and your service is terrible.'),
  line(3, 'ai', 'Whatever. The fee is 25 dollars.'),
  line(4, 'customer', 'Useless. I am furious.'),
]);

describe('LLM grader and handoff summary, through the real openai SDK against the Realtime simulator', () => {
  let sim: RealtimeSimulator;
  let tls: TlsFiles;
  let client: OpenAI;

  beforeAll(async () => {
    tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
    sim = await startRealtimeSimulator({ tls });
    client = createOpenAiClient({ apiKey: 'sim-key', baseURL: sim.baseUrl, ca: tls.cert });
  });
  afterAll(() => sim?.stop());

  it('writes the transcript the rubric describes, with cited sources on agent lines', () => {
    expect(politeCall.split('\n').slice(0, 3)).toEqual([
      '[00:05] AI: Hello, thanks for calling Acme. How can I help you today?',
      '[00:10] Customer: Hi, how long do I have to return a jacket?',
      '[00:15] AI: Returns are accepted within 30 days of delivery. [sources: chunk-returns-1]',
    ]);
  });

  it('grades a polite, sourced call high and a rude, unsourced one low, in JSON mode', async () => {
    const good = await gradeWithLlm(client, 'gpt-4.1-mini', politeCall, QA_RUBRIC);
    const bad = await gradeWithLlm(client, 'gpt-4.1-mini', rudeCall, QA_RUBRIC);

    expect(good.components).toEqual({ sentiment: expect.any(Number), compliance: 1, accuracy: 1, professionalism: 1 });
    expect(good.components.sentiment).toBeGreaterThan(0.5);
    expect(good.score).toBeGreaterThan(0.8);
    expect(good.rationale).toMatch(/greeted the caller and closed politely/);

    expect(bad.components.sentiment).toBeLessThan(0.5);
    expect(bad.components.accuracy).toBe(0);
    expect(bad.components.professionalism).toBeLessThan(0.5);
    expect(bad.score).toBeLessThan(0.6);

    const request = sim.chatRequests.at(-1)!;
    expect(request).toMatchObject({ model: 'gpt-4.1-mini', response_format: { type: 'json_object' }, temperature: 0 });
    expect(request.messages).toEqual([
      { role: 'system', content: QA_RUBRIC },
      { role: 'user', content: rudeCall },
    ]);
  });

  it("weighs the model's components with the business's weights", async () => {
    const onlyAccuracy = { sentiment: 0, compliance: 0, accuracy: 1, professionalism: 0 };
    const onlyCompliance = { sentiment: 0, compliance: 1, accuracy: 0, professionalism: 0 };
    expect((await gradeWithLlm(client, 'gpt-4.1-mini', rudeCall, QA_RUBRIC, onlyAccuracy)).score).toBe(0);
    expect((await gradeWithLlm(client, 'gpt-4.1-mini', rudeCall, QA_RUBRIC, onlyCompliance)).score).toBe(1);
  });

  it('refuses an answer that is not a grade, so the caller can fall back to the rule-based score', async () => {
    await expect(gradeWithLlm(client, 'gpt-4.1-mini', politeCall, 'Answer in JSON.')).rejects.toBeInstanceOf(
      LlmOutputError,
    );
  });

  it('summarizes for a handoff with the model, and by rules without a client', async () => {
    const transcript = formatTranscript([
      line(1, 'ai', 'Hello, how can I help?'),
      line(2, 'customer', 'My order 4471 arrived broken, what can I do?'),
      line(3, 'ai', 'I am sorry to hear that.'),
      line(4, 'customer', 'Let me talk to your manager.'),
    ]);
    const byModel = await summarizeForHandoff(client, transcript, 'caller asked for a manager');
    expect(byModel).toEqual({
      summary:
        'The caller asked: "My order 4471 arrived broken, what can I do?". Handed over because: caller asked for a manager. They last said: "Let me talk to your manager.".',
      keyPoints: ['My order 4471 arrived broken, what can I do?', 'Let me talk to your manager.'],
      source: 'llm',
    });
    expect(sim.chatRequests.at(-1)!.response_format).toEqual({ type: 'json_object' });

    const byRules = await summarizeForHandoff(null, transcript, 'caller asked for a manager');
    expect(byRules).toEqual({
      summary:
        'Escalated: caller asked for a manager. The caller first said "My order 4471 arrived broken, what can I do?". Most recently: "Let me talk to your manager.".',
      keyPoints: ['"My order 4471 arrived broken, what can I do?"'],
      source: 'rules',
    });
  });

  it('also reads plain "speaker: text" lines with the speaker names stored on transcript lines', async () => {
    const plain = 'ai: Hello, how can I help?\ncustomer: Where is order 4471?\nhuman_agent: Let me check.';
    expect((await summarizeForHandoff(client, plain, 'keyword')).keyPoints).toEqual(['Where is order 4471?']);
    expect((await summarizeForHandoff(null, plain, 'keyword')).keyPoints).toEqual(['"Where is order 4471?"']);
  });

  it('falls back to the rules when the model cannot be reached', async () => {
    const misconfigured = createOpenAiClient({ apiKey: 'sim-key', baseURL: `${sim.baseUrl}/nowhere`, ca: tls.cert });
    const summary = await summarizeForHandoff(misconfigured, '[00:01] Customer: I need help.', 'tool error');
    expect(summary).toEqual({
      summary: 'Escalated: tool error. The caller first said "I need help.".',
      keyPoints: ['"I need help."'],
      source: 'rules',
    });
  });

  it('speaks the Chat Completions wire format and checks the API key', async () => {
    const completion = await client.chat.completions.create({
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    expect(completion).toMatchObject({
      id: expect.stringMatching(/^chatcmpl_/),
      object: 'chat.completion',
      model: 'gpt-4.1-mini',
      choices: [
        { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'I understand. Hello there' } },
      ],
      usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
    });
    expect(completion.usage!.total_tokens).toBe(completion.usage!.prompt_tokens + completion.usage!.completion_tokens);

    const keyless = createOpenAiClient({
      apiKey: 'unused',
      baseURL: sim.baseUrl,
      ca: tls.cert,
      defaultHeaders: { Authorization: null },
    });
    await expect(
      keyless.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Hi' }] }),
    ).rejects.toMatchObject({ status: 401, code: 'invalid_api_key' });
  });
});
