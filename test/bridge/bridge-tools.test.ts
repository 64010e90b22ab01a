import { describe, expect, it } from '@jest/globals';
import {
  type KnowledgeHit,
  type KnowledgeLookup,
  readNumbersAloud,
  speakable,
  spokenAnswer,
} from '../../bridge/knowledge.ts';
import { runTool, type ToolContext } from '../../bridge/tools.ts';
import { createHashingEmbedder } from '../../knowledge/embed.ts';
import { DEFAULT_KNOWLEDGE_LOOKUP } from '../../knowledge/lookup-settings.ts';

const hit = (text: string, similarity = 0.8, heading = 'Guide > Hours'): KnowledgeHit => ({
  entryId: 'entry-1',
  heading,
  chunkId: `chunk-${text.length}`,
  title: 't',
  text,
  sourceUrl: null,
  score: 1,
  similarity,
});
const knowledge = (search: KnowledgeLookup['search']): KnowledgeLookup => ({
  search,
  embedder: { ...createHashingEmbedder(), relevance: { decline: 0.3, clarify: 0.45 } },
});
const ctx = (overrides: Partial<ToolContext> = {}): ToolContext => ({
  businessId: 'b1',
  knowledge: knowledge(async () => [hit('We open at nine.')]),
  escalation: async () => null,
  lookup: DEFAULT_KNOWLEDGE_LOOKUP,
  ...overrides,
});

describe("the voice agent's tools", () => {
  it('answers a lookup in speakable text and names its sources', async () => {
    const result = await runTool('lookup_knowledge', '{"query":"opening hours"}', ctx(), 1_000);
    expect(result.output).toMatchObject({ found: true, answer: 'We open at nine.' });
    expect(result.sources).toEqual([
      {
        chunkId: 'chunk-16',
        entryId: 'entry-1',
        title: 't',
        heading: 'Guide > Hours',
        sourceUrl: null,
        score: 1,
        similarity: 0.8,
      },
    ]);
  });

  it('declines instead of guessing when the closest passage is not about the question', async () => {
    const far = ctx({ knowledge: knowledge(async () => [hit('We open at nine.', 0.2)]) });
    const result = await runTool('lookup_knowledge', '{"query":"do you sell car insurance"}', far, 1_000);
    expect(result.output).toMatchObject({ found: false });
    expect(String(result.output.message)).toMatch(/do not guess/i);
    expect(String(result.output.message)).toMatch(/colleague|callback/);
    expect(result.sources).toBeUndefined();
  });

  it('asks a clarifying question naming the nearest topics when the best hit is weak', async () => {
    const weak = ctx({
      knowledge: knowledge(async () => [
        hit('We open at nine.', 0.4, 'Contact > Store hours'),
        hit('Closed on Christmas Day.', 0.38, 'Contact > Holiday hours'),
      ]),
    });
    const result = await runTool('lookup_knowledge', '{"query":"when are you around"}', weak, 1_000);
    expect(result.output).toMatchObject({ clarify: true });
    expect(result.output.found).toBeUndefined();
    expect(result.output.question).toBe(
      'Just to be sure I give you the right answer: is this about store hours, or holiday hours?',
    );
    expect(result.sources).toBeUndefined();
  });

  it('turns a slow, failing or empty lookup into something the model can recover from', async () => {
    const slow = ctx({ knowledge: knowledge(() => new Promise((resolve) => setTimeout(() => resolve([]), 500))) });
    const started = Date.now();
    const timedOut = await runTool('lookup_knowledge', '{"query":"x"}', slow, 100);
    expect(Date.now() - started).toBeLessThan(400);
    expect(timedOut.output.error).toMatch(/took too long/);

    const broken = ctx({ knowledge: knowledge(async () => Promise.reject(new Error('weaviate is down'))) });
    expect((await runTool('lookup_knowledge', '{"query":"x"}', broken, 1_000)).output.error).toMatch(
      /weaviate is down/,
    );

    const empty = ctx({ knowledge: knowledge(async () => []) });
    expect((await runTool('lookup_knowledge', '{"query":"x"}', empty, 1_000)).output).toMatchObject({ found: false });
    expect((await runTool('lookup_knowledge', '{"query":""}', ctx(), 1_000)).output.error).toMatch(/query/);
    expect((await runTool('lookup_knowledge', '{not json', ctx(), 1_000)).output.error).toMatch(/JSON/);
    expect((await runTool('make_coffee', '{}', ctx(), 1_000)).output.error).toMatch(/no tool called make_coffee/);
  });

  it('tells the model where an escalation already stands instead of promising a transfer', async () => {
    const callback = await runTool(
      'escalate_to_human',
      '{"reason":"asked again for a manager"}',
      ctx({ escalation: async () => 'callback' }),
      1_000,
    );
    expect(callback.afterReply).toBeUndefined();
    expect(String(callback.output.message)).toMatch(/call the caller back/);
    expect(String(callback.output.message)).toMatch(/do not say you are connecting/i);
    const routing = await runTool('escalate_to_human', '{}', ctx({ escalation: async () => 'routing' }), 1_000);
    expect(routing.afterReply).toBeUndefined();
    expect(String(routing.output.message)).toMatch(/already being found/);
  });

  it('asks the call to escalate once the reply is heard, and ends the call when asked', async () => {
    const escalated = await runTool('escalate_to_human', '{"reason":"asked for a manager"}', ctx(), 1_000);
    expect(escalated.afterReply).toEqual({ action: 'escalate', reason: 'asked for a manager' });
    expect(escalated.output).toMatchObject({ ok: true });
    expect((await runTool('end_call', '{}', ctx(), 1_000)).afterReply).toEqual({
      action: 'end_call',
      reason: 'agent_ended_call',
    });
  });

  it('ends the call as a do-not-call request when the callee asked not to be called again, and only then', async () => {
    expect((await runTool('end_call', '{"reason":"do_not_call_requested"}', ctx(), 1_000)).afterReply).toEqual({
      action: 'end_call',
      reason: 'do_not_call_requested',
    });
    expect((await runTool('end_call', '{"reason":"caller finished"}', ctx(), 1_000)).afterReply?.reason).toBe(
      'agent_ended_call',
    );
  });

  it('makes knowledge speakable: no markdown, links or code, cut at a sentence', () => {
    expect(speakable('## Hours\n- **Mon–Fri**: 9–5 ([details](https://x.test/h))\n```js\ncode()\n```')).toBe(
      'Hours Mon–Fri: 9–5 (details)',
    );
    const long = 'First sentence here. '.repeat(60);
    const spoken = speakable(long, 100);
    expect(spoken.length).toBeLessThanOrEqual(100);
    expect(spoken.endsWith('here.')).toBe(true);
  });

  it('reads numbers as a voice says them', () => {
    expect(readNumbersAloud('Plans cost $12.50 a month or $100 a year; 15% off until the 21st.')).toBe(
      'Plans cost twelve dollars and fifty cents a month or one hundred dollars a year; fifteen percent off until the twenty-first.',
    );
    expect(readNumbersAloud('Call +1 555 010 0000, open 9:00–17:30 and Saturday 9:30 am to 1 pm.')).toBe(
      "Call plus one five five five zero one zero zero zero zero zero, open nine o'clock to seventeen thirty and Saturday nine thirty a m to one p m.",
    );
    expect(readNumbersAloud('Delivery takes 3-5 days; 1,234 stores since 2005, version 2.1.')).toBe(
      'Delivery takes three to five days; one thousand two hundred thirty-four stores since twenty oh five, version two point one.',
    );
  });

  it('fits the answer to a token budget and cites only the chunks it used', () => {
    const first = hit('Opening hours. We open at 9 am on Saturday.');
    const second = hit('Returns. Returns are accepted for 30 days.');
    const third = hit(`History. ${'We have grown a lot over the years. '.repeat(20)}`);
    const answer = spokenAnswer([first, second, third], 40);
    expect(answer.answer).toBe(
      'Opening hours. We open at nine a m on Saturday. Returns. Returns are accepted for thirty days.',
    );
    expect(answer.chunkIds).toEqual([first.chunkId, second.chunkId]);
    // A best hit longer than the budget is cut at a sentence, still cited.
    const cut = spokenAnswer([third], 20);
    expect(cut.chunkIds).toEqual([third.chunkId]);
    expect(cut.answer.endsWith('years.')).toBe(true);
    expect(cut.answer.length).toBeLessThanOrEqual(100);
  });
});
