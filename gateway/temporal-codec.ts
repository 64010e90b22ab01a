/**
 * The codec endpoint Temporal's Web UI and CLI call to show sealed payloads in the clear
 * (Temporal's remote codec protocol: `POST <endpoint>/decode` and `/encode` with
 * `{"payloads": [{"metadata": {key: base64}, "data": base64}]}`). Only for `workflows:decode`, and
 * only the caller's own organisation's payloads open: others come back sealed as they were.
 *
 * Credentials: `Authorization: Bearer <access token or API key>` (the CLI's `--codec-auth`), or the
 * cookie `POST /temporal-codec/session` sets for a signed-in operator (the Web UI, with "include
 * cross-origin credentials" on). Browsers reach it only from the Web UI origins in TEMPORAL_UI_ORIGINS.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Payload } from '@temporalio/common';
import { CODEC_TOKEN_TTL_SECONDS, type CodecGrant, signCodecToken, verifyCodecToken } from '../lib/codec-token.ts';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';
import { type OrganizationPayloadCodec, sealedOwner } from '../lib/payload-codec.ts';
import { can } from '../lib/permissions.ts';
import type { Principal } from '../schema/context.ts';
import type { AuditRecorder } from './audit.ts';
import { bearerToken, clientIp, readBody } from './http.ts';

export const CODEC_PATH_PREFIX = '/temporal-codec';
const COOKIE = 'callplatform_codec';
/** One request decodes at most this many payloads (a history page is far fewer). */
const MAX_PAYLOADS = 2_000;
const ADMITTED_FOR_MS = 30_000;
const MAX_ADMITTED = 1_000;

interface WirePayload {
  metadata?: Record<string, string>;
  data?: string;
}

export interface CodecEndpointDeps {
  config: Config;
  logger: Logger;
  codec: OrganizationPayloadCodec;
  /** Authenticates a bearer credential (counted against the caller's address when bad). */
  admit: (authorization: string | undefined, ip: string | null) => Promise<Principal | null>;
  auditFor: (principal: Principal | null, ip: string | null) => AuditRecorder;
}

const toWire = (payload: Payload): WirePayload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, Buffer.from(value).toString('base64')]),
  ),
  data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
});
const fromWire = (payload: WirePayload): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(payload.metadata ?? {}).map(([key, value]) => [key, new Uint8Array(Buffer.from(value, 'base64'))]),
  ),
  data: new Uint8Array(Buffer.from(payload.data ?? '', 'base64')),
});

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

const subjectOf = (principal: Principal) => `${principal.kind}:${principal.id}`;

export function createCodecEndpoint(deps: CodecEndpointDeps) {
  const { config, logger, codec } = deps;
  const origins = new Set(config.temporal.uiOrigins);

  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  /**
   * A history page is decoded in many small requests: a bearer once admitted is trusted for
   * ADMITTED_FOR_MS (a revoked credential stops decoding within it).
   */
  const admitted = new Map<string, { grant: CodecGrant; until: number }>();
  const admitBearer = async (authorization: string, ip: string | null) => {
    const known = admitted.get(authorization);
    if (known && known.until > Date.now()) return known.grant;
    const principal = await deps.admit(authorization, ip).catch(() => null);
    if (!principal) return 'unauthenticated' as const;
    if (!can(principal.role, 'workflows:decode')) return 'forbidden' as const;
    const grant = { organizationId: principal.organizationId, subject: subjectOf(principal), label: principal.label };
    if (admitted.size >= MAX_ADMITTED) admitted.clear();
    admitted.set(authorization, { grant, until: Date.now() + ADMITTED_FOR_MS });
    return grant;
  };

  /** Who may decode: a bearer with the permission, or the cookie such a bearer was given. */
  const grantOf = async (req: IncomingMessage): Promise<CodecGrant | 'unauthenticated' | 'forbidden'> => {
    const authorization = bearerToken(req.headers.authorization);
    if (authorization) return admitBearer(authorization, clientIp(req));
    const cookie = cookieOf(req, COOKIE);
    const grant = cookie ? await verifyCodecToken(config.auth.jwtSecret, cookie) : undefined;
    return grant ?? 'unauthenticated';
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const origin = req.headers.origin;
    const cors: Record<string, string> =
      origin && origins.has(origin)
        ? {
            'access-control-allow-origin': origin,
            'access-control-allow-credentials': 'true',
            'access-control-allow-headers': 'authorization, content-type, x-namespace',
            'access-control-allow-methods': 'POST, OPTIONS',
            vary: 'origin',
          }
        : {};
    if (req.method === 'OPTIONS') {
      res.writeHead(origin && !cors['access-control-allow-origin'] ? 403 : 204, cors).end();
      return;
    }
    if (origin && !cors['access-control-allow-origin']) {
      json(res, 403, { message: 'origin not allowed' });
      return;
    }
    const path = (req.url ?? '').split('?')[0]?.slice(CODEC_PATH_PREFIX.length);
    if (req.method !== 'POST' || !['/decode', '/encode', '/session'].includes(path ?? '')) {
      json(res, 404, { message: 'not found' }, cors);
      return;
    }

    if (path === '/session') {
      const principal = await deps.admit(bearerToken(req.headers.authorization), clientIp(req)).catch(() => null);
      if (!principal) return json(res, 401, { message: 'sign in first' }, cors);
      if (!can(principal.role, 'workflows:decode')) return json(res, 403, { message: 'workflows:decode needed' }, cors);
      const token = await signCodecToken(config.auth.jwtSecret, {
        organizationId: principal.organizationId,
        subject: subjectOf(principal),
        label: principal.label,
      });
      deps.auditFor(principal, clientIp(req)).record({ operation: 'temporalCodecSession', outcome: 'success' });
      const secure = config.env === 'production' ? '; Secure' : '';
      json(
        res,
        200,
        { expiresInSeconds: CODEC_TOKEN_TTL_SECONDS },
        {
          ...cors,
          'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Lax; Path=${CODEC_PATH_PREFIX}; Max-Age=${CODEC_TOKEN_TTL_SECONDS}${secure}`,
        },
      );
      return;
    }

    const grant = await grantOf(req);
    if (grant === 'unauthenticated') return json(res, 401, { message: 'credentials needed' }, cors);
    if (grant === 'forbidden') return json(res, 403, { message: 'workflows:decode needed' }, cors);
    let payloads: Payload[];
    try {
      const body = JSON.parse((await readBody(req, config.limits.maxRequestBytes)).toString('utf8')) as {
        payloads?: WirePayload[];
      };
      // Protobuf's JSON leaves an empty list out: `{}` is a request with no payloads.
      const listed = body.payloads ?? [];
      if (!Array.isArray(listed) || listed.length > MAX_PAYLOADS) throw new Error('payloads');
      payloads = listed.map(fromWire);
    } catch {
      return json(res, 400, { message: `a JSON body {"payloads": [...]} of at most ${MAX_PAYLOADS} payloads` }, cors);
    }
    const own = (payload: Payload) => sealedOwner(payload)?.owner === grant.organizationId;
    const result =
      path === '/decode'
        ? payloads.map((payload) => {
            if (!own(payload)) return payload;
            try {
              return codec.open(payload);
            } catch (error) {
              logger.warn({ err: error }, 'a payload did not open');
              return payload;
            }
          })
        : codec.seal(payloads, grant.organizationId);
    json(res, 200, { payloads: result.map(toWire) }, cors);
  };
}
