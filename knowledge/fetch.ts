/** HTTP fetching for ingestion: a timeout, a size cap enforced while reading, redirects followed or not. */

export class TooLargeError extends Error {
  readonly code = 'TooLarge';
  constructor(url: string, maxBytes: number) {
    super(`${url} is over ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
}

export interface FetchedPage {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  bytes: Uint8Array;
}

export async function fetchLimited(
  url: string,
  options: {
    headers?: Record<string, string>;
    maxBytes: number;
    timeoutMs: number;
    /** `manual` answers a redirect itself (status 3xx, `location` header) instead of following it. */
    redirect?: 'follow' | 'manual';
    /** Aborts the request early (an activity being cancelled). */
    signal?: AbortSignal;
  },
): Promise<FetchedPage> {
  const response = await fetch(url, {
    headers: options.headers,
    redirect: options.redirect ?? 'follow',
    signal: options.signal
      ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)])
      : AbortSignal.timeout(options.timeoutMs),
  });
  const parts: Uint8Array[] = [];
  let size = 0;
  if (response.body) {
    for await (const part of response.body) {
      size += part.length;
      if (size > options.maxBytes) {
        await response.body.cancel().catch(() => undefined);
        throw new TooLargeError(url, options.maxBytes);
      }
      parts.push(part);
    }
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return { status: response.status, url: response.url || url, headers: response.headers, bytes };
}
