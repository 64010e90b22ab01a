/**
 * Listen-in tickets: the gateway (which knows who may listen) signs a short-lived token for one
 * call; the bridge holding the call checks it before streaming the call's audio to a browser.
 */
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'call-listen';
export const LISTEN_TOKEN_TTL_SECONDS = 60;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export async function signListenToken(secret: string, callId: string, userId: string): Promise<string> {
  return new SignJWT({ uid: userId })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(callId)
    .setIssuedAt()
    .setExpirationTime(`${LISTEN_TOKEN_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

/** The call the token lets its bearer hear, or undefined for a bad, expired or foreign token. */
export async function verifyListenToken(secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: ['HS256'] });
    return payload.sub;
  } catch {
    return undefined;
  }
}
