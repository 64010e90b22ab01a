import type { Config } from '../lib/config.ts';
import { openAiClientFor } from '../lib/openai.ts';
import { createOpenAIEmbedder, type Embedder } from './embed.ts';
import { createSentenceEncoderEmbedder } from './sentence-encoder.ts';

/** OpenAI embeddings with a real key; the local sentence encoder otherwise (the simulator has no embeddings). */
export function embedderFor(config: Config): Embedder {
  return config.openai.keyConfigured
    ? createOpenAIEmbedder(openAiClientFor(config.openai))
    : createSentenceEncoderEmbedder();
}
