import OpenAI from 'openai';
import type { Config } from '../lib/config.ts';
import { createLocalEmbedder, createOpenAIEmbedder, type Embedder } from './embed.ts';

/** OpenAI embeddings with a real key; the local embedder otherwise (simulated OpenAI has no embeddings). */
export function embedderFor(config: Config): Embedder {
  return config.openai.simulated
    ? createLocalEmbedder()
    : createOpenAIEmbedder(new OpenAI({ apiKey: config.openai.apiKey, baseURL: config.openai.baseUrl }));
}
