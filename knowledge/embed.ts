/**
 * Vectors we bring to Weaviate ourselves. With an OpenAI key: `text-embedding-3-small`. Without:
 * the Universal Sentence Encoder, run locally (./sentence-encoder.ts). The feature-hashing embedder
 * here was the local one before it; it matches shared words and spellings, not meaning, and stays
 * for tests and for measuring against (`npm run bench:rag -- --embedder hash`).
 */
import { createHash } from 'node:crypto';
import type OpenAI from 'openai';

export interface Embedder {
  /** Stored with each chunk; vectors of different embedders are never compared. */
  name: string;
  dimensions: number;
  /**
   * The hybrid-search balance that suits its vectors when a search names none, measured with
   * `npm run bench:rag` where it could be (README, "Retrieval benchmark"): 0.25 for feature hashing
   * (its vectors see spelling, not meaning), 0.5 for OpenAI's (the usual balance; not measured here).
   */
  defaultAlpha: number;
  /**
   * Where the best hit's cosine similarity to a question stops meaning "relevant": below `decline`
   * nothing found is about the question; below `clarify` it may be, but the caller should be asked
   * what they mean. Each embedder has its own scale (measured per embedder; README).
   */
  relevance: { decline: number; clarify: number };
  embed(texts: string[]): Promise<number[][]>;
}

const bucket = (feature: string, dimensions: number): [number, number] => {
  const hash = createHash('md5').update(feature).digest();
  return [hash.readUInt32LE(0) % dimensions, hash[4]! & 1 ? 1 : -1];
};

export function createHashingEmbedder(dimensions = 384): Embedder {
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
    relevance: { decline: 0.1, clarify: 0.2 },
    embed: async (texts) => texts.map(embedOne),
  };
}

export function createOpenAIEmbedder(client: OpenAI, model = 'text-embedding-3-small'): Embedder {
  return {
    name: `openai-${model}`,
    dimensions: 1536,
    defaultAlpha: 0.5,
    relevance: { decline: 0.2, clarify: 0.3 },
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
