import type { Config } from '../lib/config.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { createLocalEmbedder, createOpenAIEmbedder, type Embedder } from './embed.ts';

/** OpenAI embeddings with a real key; the local embedder otherwise (the simulator has no embeddings). */
export function embedderFor(config: Config): Embedder {
  return config.openai.keyConfigured ? createOpenAIEmbedder(openAiClientFor(config.openai)) : createLocalEmbedder();
}
