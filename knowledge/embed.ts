/**
 * Vectors we bring to Weaviate ourselves. With an OpenAI key: `text-embedding-3-small`. Without:
 * a local embedder that needs no download — feature hashing of words, word pairs and character
 * trigrams into 384 dimensions. It trades meaning for availability: it matches shared words and
 * spellings (so it helps with plurals, typos and word order), not synonyms or paraphrases.
 */
import { createHash } from 'node:crypto';
import type OpenAI from 'openai';

export interface Embedder {
  /** Stored with each chunk; vectors of different embedders are never compared. */
  name: string;
  dimensions: number;
  /**
   * The hybrid-search balance that suits its vectors when a search names none: 0.25 for the local
   * embedder (measured with `npm run bench:rag`: its vectors see spelling, not meaning), 0.5 for
   * OpenAI's (the usual balance; not measured here).
   */
  defaultAlpha: number;
  embed(texts: string[]): Promise<number[][]>;
}

const bucket = (feature: string, dimensions: number): [number, number] => {
  const hash = createHash('md5').update(feature).digest();
  return [hash.readUInt32LE(0) % dimensions, hash[4]! & 1 ? 1 : -1];
};

export function createLocalEmbedder(dimensions = 384): Embedder {
  const embedOne = (text: string) => {
    const vector = new Array<number>(dimensions).fill(0);
    const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const counts = new Map<string, number>();
    const add = (feature: string, weight: number) => counts.set(feature, (counts.get(feature) ?? 0) + weight);
    words.forEach((word, i) => {
      add(`w:${word}`, 1);
      if (i > 0) add(`b:${words[i - 1]} ${word}`, 0.5);
      const padded = `#${word}#`;
      for (let j = 0; j + 3 <= padded.length; j++) add(`c:${padded.slice(j, j + 3)}`, 0.25);
    });
    for (const [feature, count] of counts) {
      const [index, sign] = bucket(feature, dimensions);
      vector[index] = (vector[index] as number) + sign * (1 + Math.log(count));
    }
    const norm = Math.hypot(...vector) || 1;
    return vector.map((x) => x / norm);
  };
  return {
    name: `local-hash-${dimensions}`,
    dimensions,
    defaultAlpha: 0.25,
    embed: async (texts) => texts.map(embedOne),
  };
}

export function createOpenAIEmbedder(client: OpenAI, model = 'text-embedding-3-small'): Embedder {
  return {
    name: `openai-${model}`,
    dimensions: 1536,
    defaultAlpha: 0.5,
    async embed(texts) {
      const out: number[][] = [];
      for (let i = 0; i < texts.length; i += 100) {
        const response = await client.embeddings.create({ model, input: texts.slice(i, i + 100) });
        out.push(...response.data.sort((a, b) => a.index - b.index).map((d) => d.embedding));
      }
      return out;
    },
  };
}
