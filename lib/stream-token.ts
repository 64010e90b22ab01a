/**
 * Media-stream tickets: the gateway signs one into the TwiML that connects a call to a bridge
 * (a `<Parameter>` of the `<Stream>`), naming the call and which of its streams this is; the bridge
 * accepts a stream's `start` only with a valid ticket for that call.
 */
import { jwtVerify, SignJWT } from 'jose';

const AUDIENCE = 'call-media-stream';
/** Twilio opens the stream within seconds of fetching the TwiML. */
export const STREAM_TOKEN_TTL_SECONDS = 120;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export interface StreamGrant {
  callId: string;
  /** 0 for the call's first stream, then one more for each reconnect its workflow allowed. */
  stream: number;
}

export async function signStreamToken(secret: string, grant: StreamGrant): Promise<string> {
  return new SignJWT({ stream: grant.stream })
    .setProtectedHeader({ alg: 'HS256' })
    .setAudience(AUDIENCE)
    .setSubject(grant.callId)
    .setIssuedAt()
    .setExpirationTime(`${STREAM_TOKEN_TTL_SECONDS}s`)
    .sign(keyOf(secret));
}

/** The grant a ticket carries, or undefined for a bad, expired or foreign one. */
export async function verifyStreamToken(secret: string, token: string): Promise<StreamGrant | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { audience: AUDIENCE, algorithms: ['HS256'] });
    return typeof payload.sub === 'string' && typeof payload.stream === 'number'
      ? { callId: payload.sub, stream: payload.stream }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The path of a bridge's media-stream endpoint. */
export const MEDIA_STREAM_PATH = '/media-stream';

/** Where Twilio streams a call: the bridge's stream URL with the call's id in its path. */
export const mediaStreamUrl = (bridgeUrl: string, callId: string): string =>
  `${bridgeUrl}${MEDIA_STREAM_PATH}/${callId}`;
