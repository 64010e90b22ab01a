/**
 * Temporal Web UI decoding tickets: a signed-in operator allowed to decode asks the gateway for one,
 * which it keeps as an HttpOnly cookie on its own origin; the Temporal Web UI (on the same host) sends
 * the cookie with each codec request when its "include cross-origin credentials" setting is on.
 */
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'temporal-codec';
export const CODEC_TOKEN_TTL_SECONDS = 3_600;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export interface CodecGrant {
  organizationId: string;
  /** Who asked for it (`user:<id>` or `apiKey:<id>`), for the audit log. */
  subject: string;
  label: string;
}

export async function signCodecToken(secret: string, grant: CodecGrant): Promise<string> {
  return new SignJWT({ org: grant.organizationId, label: grant.label })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(grant.subject)
    .setIssuedAt()
    .setExpirationTime(`${CODEC_TOKEN_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

/** What the ticket allows, or undefined for a bad, expired or foreign one. */
export async function verifyCodecToken(secret: string, token: string): Promise<CodecGrant | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: ['HS256'] });
    if (typeof payload.org !== 'string' || !payload.sub) return undefined;
    return { organizationId: payload.org, subject: payload.sub, label: String(payload.label ?? '') };
  } catch {
    return undefined;
  }
}
