import { readFileSync } from 'node:fs';
import type OpenAI from 'openai';
import { createOpenAiClient } from '../activities/quality/grader.ts';
import { simulatorTls } from '../scripts/simulators/tls.ts';
import type { Config } from './config.ts';

/**
 * The client for OpenAI's chat models (QA grading, handoff summaries): OpenAI with a key, the
 * Realtime simulator otherwise (trusting its self-signed certificate). Short timeouts: a slow grade
 * falls back to the rules rather than holding up a call's wrap-up.
 */
export function chatClientFor(config: Config): OpenAI {
  const caFile = config.openai.caFile ?? (config.openai.simulated ? simulatorTls().certPath : undefined);
  return createOpenAiClient({
    apiKey: config.openai.apiKey,
    ...(config.openai.baseUrl && { baseURL: config.openai.baseUrl }),
    ...(caFile && { ca: readFileSync(caFile) }),
  }).withOptions({ timeout: 20_000, maxRetries: 1 });
}
