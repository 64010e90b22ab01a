import { readFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';
import OpenAI, { type ClientOptions } from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import type { Config } from './config.ts';

/** The certificate authority to trust for OpenAI's endpoints (OPENAI_CA_FILE), if one is configured. */
export function openAiCa(config: Config['openai']): Buffer | undefined {
  return config.caFile ? readFileSync(config.caFile) : undefined;
}

/** Chat work (QA grades, summaries) gives up soon: a slow answer falls back to the rules rather than holding up a call. */
export const CHAT_CLIENT_OPTIONS = { timeout: 20_000, maxRetries: 1 } as const;

/**
 * The one way every process makes its OpenAI client: the configured key and base URL, trusting the
 * configured CA file.
 */
export function openAiClientFor(
  config: Config['openai'],
  options: Pick<ClientOptions, 'timeout' | 'maxRetries'> = {},
): OpenAI {
  const ca = openAiCa(config);
  return createOpenAiClient({
    apiKey: config.apiKey,
    ...(config.baseUrl && { baseURL: config.baseUrl }),
    ...(ca && { ca }),
    ...options,
  });
}

/**
 * An OpenAI client; with `ca` it trusts that certificate (a private or self-signed CA), which Node's
 * own fetch cannot be told to do, by sending requests through node:https.
 */
export function createOpenAiClient(options: Omit<ClientOptions, 'fetch'> & { ca?: Buffer }): OpenAI {
  const { ca, ...rest } = options;
  return new OpenAI({ ...rest, ...(ca && { fetch: fetchTrusting(ca) }) });
}

function fetchTrusting(ca: Buffer): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const body = request.body ? Buffer.from(await request.arrayBuffer()) : undefined;
    return new Promise<Response>((resolve, reject) => {
      const outgoing = httpsRequest(
        request.url,
        { method: request.method, headers: Object.fromEntries(request.headers), ca, signal: request.signal },
        (incoming) => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(incoming.headers)) {
            for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value])
              headers.append(name, one);
          }
          const status = incoming.statusCode ?? 500;
          const hasBody = status !== 204 && status !== 304 && request.method !== 'HEAD';
          if (!hasBody) incoming.resume();
          resolve(
            new Response(hasBody ? (Readable.toWeb(incoming) as ReadableStream) : null, {
              status,
              statusText: incoming.statusMessage ?? '',
              headers,
            }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  };
}

/**
 * Opens a Realtime session and closes it again: the server's `session.created` proves the key may
 * use the model. Rejects with the server's refusal (an HTTP status on the upgrade, or an error event).
 */
export async function probeRealtimeSession(
  client: OpenAI,
  model: string,
  ca: Buffer | undefined,
  timeoutMs = 10_000,
): Promise<{ sessionId: string }> {
  const realtime = new OpenAIRealtimeWS({ model, options: ca ? { ca } : undefined }, client);
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no session.created within ${timeoutMs} ms`)), timeoutMs);
      realtime.socket.once('unexpected-response', (_request, response) => {
        clearTimeout(timer);
        reject(
          Object.assign(new Error(`the Realtime endpoint refused the connection (HTTP ${response.statusCode})`), {
            status: response.statusCode,
          }),
        );
      });
      realtime.socket.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      realtime.on('event', (event) => {
        if (event.type === 'session.created') {
          clearTimeout(timer);
          resolve({ sessionId: (event as { session: { id?: string } }).session.id ?? '' });
        }
      });
      realtime.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } finally {
    realtime.close();
  }
}
