import { describe, expect, it } from '@jest/globals';
import { chunkBlocks, countTokens } from '../../knowledge/chunk.ts';
import { createHashingEmbedder } from '../../knowledge/embed.ts';
import { createSentenceEncoderEmbedder } from '../../knowledge/sentence-encoder.ts';

const sentence = (i: number) => `Sentence number ${i} explains one more detail of the refund policy.`;

describe('chunking by structure', () => {
  it('keeps each section in its own chunks, headed by its heading path', () => {
    const chunks = chunkBlocks([
      { headings: ['Guide', 'Hours'], text: 'Open nine to five.' },
      { headings: ['Guide', 'Hours'], text: 'Closed on Sunday.' },
      { headings: ['Guide', 'Returns'], text: 'Thirty days with a receipt.' },
      { headings: [], text: '   ' },
    ]);
    expect(chunks.map((c) => [c.heading, c.text])).toEqual([
      ['Guide > Hours', 'Guide > Hours\nOpen nine to five.\nClosed on Sunday.'],
      ['Guide > Returns', 'Guide > Returns\nThirty days with a receipt.'],
    ]);
  });

  it('cuts a long section within the token budget, repeating the tail of the previous chunk', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => ({ headings: ['Refunds'], text: sentence(i) }));
    const chunks = chunkBlocks(blocks, { maxTokens: 80, overlapTokens: 20 });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) expect(chunk.tokens).toBeLessThanOrEqual(80);
    for (let i = 1; i < chunks.length; i++) {
      const previousLast = chunks[i - 1]!.text.split('\n').at(-1)!;
      expect(chunks[i]!.text.split('\n')[1]).toBe(previousLast);
    }
    // Every sentence is in some chunk.
    const all = chunks.map((c) => c.text).join('\n');
    for (let i = 0; i < 30; i++) expect(all).toContain(sentence(i));
  });

  it('splits one paragraph longer than the budget at sentence ends', () => {
    const paragraph = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    const chunks = chunkBlocks([{ headings: [], text: paragraph }], { maxTokens: 60, overlapTokens: 0 });
    expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(countTokens(paragraph) / 60));
    expect(chunks.map((c) => c.text).join(' ')).toBe(paragraph);
    for (const chunk of chunks) {
      expect(countTokens(chunk.text)).toBeLessThanOrEqual(60);
      expect(chunk.text.endsWith('.')).toBe(true);
    }
  });
});

describe('the hashing embedder', () => {
  it('gives unit vectors, the same for the same text, closer for texts that share words', async () => {
    const embedder = createHashingEmbedder();
    const [a, b, c, again] = await embedder.embed([
      'What are your opening hours on Saturday?',
      'Saturday opening hours: nine to one.',
      'Refunds need the original receipt.',
      'What are your opening hours on Saturday?',
    ]);
    const dot = (x: number[], y: number[]) => x.reduce((sum, v, i) => sum + v * (y[i] as number), 0);
    expect(a).toHaveLength(384);
    expect(dot(a!, a!)).toBeCloseTo(1, 6);
    expect(again).toEqual(a);
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.2);
  });
});

describe('the local sentence encoder (no OpenAI key)', () => {
  it('puts a question closer to the passage that answers it than to another, sharing none of its words', async () => {
    const embedder = createSentenceEncoderEmbedder();
    const [question, answer, other, shouted] = await embedder.embed([
      'what time can I come in at the weekend',
      'Opening hours. On Saturday we are open from nine in the morning until one in the afternoon.',
      'Returns are accepted within thirty days of purchase with the original receipt.',
      'WHAT TIME CAN I COME IN AT THE WEEKEND',
    ]);
    const dot = (x: number[], y: number[]) => x.reduce((sum, v, i) => sum + v * (y[i] as number), 0);
    expect(embedder.name).toBe('use-lite-512');
    expect(question).toHaveLength(512);
    expect(dot(question!, question!)).toBeCloseTo(1, 5);
    expect(dot(question!, answer!)).toBeGreaterThan(dot(question!, other!) + 0.1);
    // Speech recognition's casing does not change the vector.
    expect(dot(question!, shouted!)).toBeCloseTo(1, 5);
  });
});
