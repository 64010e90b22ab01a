/**
 * Download links: the gateway signs a short-lived token (HS256, an HMAC over what it names and
 * when it expires, keyed by AUTH_JWT_SECRET, as stream and listen-in tickets are) for one file — an
 * export, or one call's transcript in one format — so a plain link works without the session's
 * bearer token, and only until it expires.
 */
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'download';
const keyOf = (secret: string) => new TextEncoder().encode(secret);

/** What a link downloads: `export:<id>` or `transcript:<call id>:<txt|json|pdf>`. */
export type DownloadResource = `export:${string}` | `transcript:${string}:${'txt' | 'json' | 'pdf'}`;

export async function signDownloadToken(secret: string, resource: DownloadResource, ttlSeconds: number) {
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(resource)
    .setIssuedAt()
    .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
    .sign(keyOf(secret));
  return { token, expiresAt };
}

/** The resource a token names, or undefined for a bad, expired or foreign one. */
export async function verifyDownloadToken(secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: ['HS256'] });
    return typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}
