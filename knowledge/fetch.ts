/**
 * HTTP fetching of user-supplied URLs for ingestion. Only http(s), only public addresses (or those
 * the operator allows in FETCH_ALLOWED_HOSTS), checked on the address actually connected to (after
 * DNS resolution, so a name that re-resolves to 127.0.0.1 is refused too) and at every redirect hop;
 * a timeout, and a size cap enforced while reading.
 */
import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, fetch, type Headers, type Response } from 'undici';
import type { AllowedFetchTarget } from '../lib/config.ts';

export class TooLargeError extends Error {
  readonly code = 'TooLarge';
  constructor(url: string, maxBytes: number) {
    super(`${url} is over ${Math.round(maxBytes / 1024 / 1024)} MB`);
  }
}

/**
 * The URL leads somewhere the platform does not fetch from: not http(s), or not a public address
 * (and not one FETCH_ALLOWED_HOSTS allows).
 */
export class FetchRefusedError extends Error {
  readonly code = 'FETCH_REFUSED';
  override readonly name = 'FetchRefusedError';
  /** Why, in a phrase: "localhost resolves to a loopback address". */
  readonly reason: string;
  constructor(url: string, reason: string) {
    super(`Refused to fetch ${url}: ${reason}.`);
    this.reason = reason;
  }
}

export class TooManyRedirectsError extends Error {
  readonly code = 'TOO_MANY_REDIRECTS';
  constructor(url: string, hops: number) {
    super(`${url} redirects more than ${hops} times`);
  }
}

/** Raised while connecting, before the URL of the hop is known; fetchLimited turns it into a FetchRefusedError. */
class AddressRefusedError extends Error {}

const NON_PUBLIC: Record<string, string> = {
  loopback: 'a loopback address',
  private: 'a private-network address',
  uniqueLocal: 'a private-network (unique local) address',
  linkLocal: 'a link-local address',
  carrierGradeNat: 'a carrier-grade NAT address',
  unspecified: 'an unspecified address',
  multicast: 'a multicast address',
  broadcast: 'a broadcast address',
};

/** The address itself, with IPv4 carried inside IPv6 (::ffff:a.b.c.d, ::a.b.c.d) unwrapped. */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 {
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed;
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address();
  // ::a.b.c.d (IPv4-compatible, deprecated) is plain unicast to ipaddr.js; :: and ::1 are not, and stay.
  const compatible = v6.range() === 'unicast' && v6.parts.slice(0, 6).every((part) => part === 0);
  return compatible ? ipaddr.fromByteArray(v6.toByteArray().slice(12)) : v6;
}

/**
 * What kind of non-public address this is ("a loopback address"), or null for a public unicast one.
 * Everything ipaddr.js does not class as plain unicast is refused: reserved and documentation
 * ranges, and the IPv6 transition ranges (6to4, Teredo, NAT64) that embed an IPv4 address.
 */
export function nonPublicKind(address: string): string | null {
  const range = parseAddress(address).range();
  if (range === 'unicast') return null;
  return NON_PUBLIC[range] ?? `a reserved address (${range})`;
}

const stripBrackets = (hostname: string) => hostname.replace(/^\[(.*)\]$/, '$1');
const portOf = (url: URL) => Number(url.port) || (url.protocol === 'https:' ? 443 : 80);

/** Which destinations may be fetched: public addresses, and what the operator allows (FETCH_ALLOWED_HOSTS). */
export class FetchPolicy {
  readonly #hosts: { host: string; port: number | null }[] = [];
  readonly #networks: { range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port: number | null }[] = [];

  constructor(allowed: readonly AllowedFetchTarget[] = []) {
    for (const target of allowed) {
      if ('host' in target) this.#hosts.push(target);
      else this.#networks.push({ range: ipaddr.parseCIDR(target.network), port: target.port });
    }
  }

  /** Whether the operator allows this host name (on this port) whatever it resolves to. */
  allowsName(hostname: string, port: number): boolean {
    const name = hostname.toLowerCase();
    return this.#hosts.some((h) => h.host === name && (h.port === null || h.port === port));
  }

  /** Why connecting to `address` (what `hostname` resolved to) on `port` is refused; null when it is not. */
  addressRefusal(hostname: string, address: string, port: number): string | null {
    const kind = nonPublicKind(address);
    if (kind === null) return null;
    const ip = parseAddress(address);
    const allowed = this.#networks.some(
      ({ range, port: allowedPort }) =>
        range[0].kind() === ip.kind() && ip.match(range) && (allowedPort === null || allowedPort === port),
    );
    if (allowed) return null;
    return net.isIP(hostname) ? `${hostname} is ${kind}` : `${hostname} resolves to ${kind}`;
  }

  /**
   * Checks a URL before it is stored, so the requester hears at once (the fetch checks again, on the
   * address it connects to). A name that does not resolve within `timeoutMs` passes: the fetch reports it.
   */
  async check(url: string, timeoutMs = 3_000): Promise<void> {
    const target = new URL(url);
    refuseUnlessHttp(target);
    const hostname = stripBrackets(target.hostname);
    const port = portOf(target);
    if (this.allowsName(hostname, port)) return;
    const addresses = net.isIP(hostname) ? [hostname] : await resolveWithin(hostname, timeoutMs);
    for (const address of addresses) {
      const refusal = this.addressRefusal(hostname, address, port);
      if (refusal) throw new FetchRefusedError(url, refusal);
    }
  }
}

function refuseUnlessHttp(url: URL): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FetchRefusedError(url.href, 'only http and https URLs are fetched');
  }
}

async function resolveWithin(hostname: string, timeoutMs: number): Promise<string[]> {
  const timeout = new Promise<[]>((resolve) => setTimeout(() => resolve([]), timeoutMs).unref());
  const resolved = dns.promises
    .lookup(hostname, { all: true })
    .then((found) => found.map((a) => a.address))
    .catch(() => []);
  return Promise.race([resolved, timeout]);
}

/** A DNS lookup that fails the connection when any address the name resolves to is refused. */
function guardedLookup(policy: FetchPolicy, hostname: string, port: number): net.LookupFunction {
  return (name, options, callback) => {
    dns.lookup(name, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const refusal = addresses.map((a) => policy.addressRefusal(hostname, a.address, port)).find(Boolean);
      if (refusal) return callback(new AddressRefusedError(refusal), '', 0);
      const [first] = addresses;
      if (options.all || !first) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * Connects only where the policy allows: an IP literal is checked as it is (Node does not look it
 * up), a name on every address it resolves to, at the moment of connecting.
 */
function guardedConnector(policy: FetchPolicy): buildConnector.connector {
  const direct = buildConnector({});
  return (options, callback) => {
    const hostname = stripBrackets(options.hostname);
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    if (policy.allowsName(hostname, port)) return direct(options, callback);
    if (net.isIP(hostname)) {
      const refusal = policy.addressRefusal(hostname, hostname, port);
      return refusal ? callback(new AddressRefusedError(refusal), null) : direct(options, callback);
    }
    buildConnector({ lookup: guardedLookup(policy, hostname, port) })(options, callback);
  };
}

/** The refusal behind a failed fetch (undici wraps connection errors in `TypeError: fetch failed`). */
function refusalIn(error: unknown): AddressRefusedError | null {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof AddressRefusedError) return cause;
  }
  return null;
}

export interface FetchedPage {
  status: number;
  /** The final URL, after redirects. */
  url: string;
  headers: Headers;
  bytes: Uint8Array;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
export const MAX_REDIRECTS = 5;

async function readCapped({ body }: Response, url: string, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  if (body) {
    for await (const part of body) {
      size += part.length;
      if (size > maxBytes) {
        await body.cancel().catch(() => undefined);
        throw new TooLargeError(url, maxBytes);
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
  return bytes;
}

/**
 * Requests a URL (a GET, or a POST of `body` for webhooks) the way ingestion must: through the policy
 * at every hop (redirects are followed here, at most MAX_REDIRECTS, each target checked again) with
 * a timeout over the whole exchange and the body capped at `maxBytes`. Throws FetchRefusedError, TooManyRedirectsError or TooLargeError.
 */
export async function fetchLimited(
  url: string,
  options: {
    policy: FetchPolicy;
    method?: 'GET' | 'POST';
    body?: string;
    headers?: Record<string, string>;
    maxBytes: number;
    timeoutMs: number;
    /** `manual` answers a redirect itself (status 3xx, `location` header) instead of following it. */
    redirect?: 'follow' | 'manual';
    /** Aborts the request early (an activity being cancelled). */
    signal?: AbortSignal;
  },
): Promise<FetchedPage> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const dispatcher = new Agent({ connect: guardedConnector(options.policy) });
  try {
    let target = new URL(url);
    for (let hop = 0; ; hop++) {
      refuseUnlessHttp(target);
      const response = await fetch(target, {
        method: options.method ?? 'GET',
        body: options.body,
        headers: options.headers,
        redirect: 'manual',
        signal,
        dispatcher,
      }).catch((error: unknown) => {
        const refusal = refusalIn(error);
        throw refusal ? new FetchRefusedError(target.href, refusal.message) : error;
      });
      const location = response.headers.get('location');
      if (options.redirect !== 'manual' && REDIRECT_STATUSES.has(response.status) && location) {
        await response.body?.cancel();
        if (hop === MAX_REDIRECTS) throw new TooManyRedirectsError(url, MAX_REDIRECTS);
        target = new URL(location, target);
        continue;
      }
      const bytes = await readCapped(response, target.href, options.maxBytes);
      return { status: response.status, url: target.href, headers: response.headers, bytes };
    }
  } finally {
    await dispatcher.destroy();
  }
}
