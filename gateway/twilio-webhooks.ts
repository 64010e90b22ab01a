import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Client } from '@temporalio/client';
import twilio from 'twilio';
import type { Config } from '../lib/config.ts';
import { isUuid } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { callWorkflowId, twilioStatusSignal } from '../workflows/shared.ts';

export const TWILIO_PATH_PREFIX = '/twilio/';

const escapeXml = (value: string) =>
  value.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string,
  );

/** TwiML that connects the answered call to the bridge's media stream, naming the call. */
export function streamTwiml(bridgeUrl: string, callId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="${escapeXml(`${bridgeUrl}/media-stream`)}"><Parameter name="callId" value="${escapeXml(callId)}"/></Stream></Connect></Response>`;
}

/**
 * Twilio's webhooks: outside user auth, but every request must carry a valid X-Twilio-Signature
 * for the configured auth token and the public URL Twilio called; anything else gets 403.
 */
export function createTwilioWebhooks(deps: { config: Config; temporal: Client; logger: Logger }) {
  const { config, temporal, logger } = deps;
  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    // Twilio signs the URL it called: PUBLIC_URL when set (behind a proxy), else the Host it reached.
    const base = config.gateway.publicUrlConfigured ? config.gateway.publicUrl : `http://${req.headers.host}`;
    const url = `${base}${req.url ?? ''}`;
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const signature = req.headers['x-twilio-signature'];
    if (
      req.method !== 'POST' ||
      typeof signature !== 'string' ||
      !twilio.validateRequest(config.twilio.authToken, signature, url, params)
    ) {
      logger.warn({ path: req.url, ip: req.socket.remoteAddress }, 'twilio webhook refused: bad signature');
      res.writeHead(403, { 'content-type': 'text/plain' }).end('invalid Twilio signature');
      return;
    }
    const { pathname, searchParams } = new URL(url);
    if (pathname === '/twilio/status') {
      const callId = searchParams.get('callId') ?? '';
      if (!isUuid(callId) || !params.CallStatus) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('callId query parameter and CallStatus are required');
        return;
      }
      await temporal.workflow
        .getHandle(callWorkflowId(callId))
        .signal(twilioStatusSignal, {
          callSid: params.CallSid ?? null,
          status: params.CallStatus,
          sequenceNumber: Number(params.SequenceNumber ?? 0),
        })
        .catch((error: unknown) =>
          logger.warn({ err: error, callId }, 'status callback for an unknown or finished call'),
        );
      res.writeHead(204).end();
      return;
    }
    if (pathname === '/twilio/voice/outbound') {
      const callId = searchParams.get('callId') ?? '';
      if (!isUuid(callId)) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('callId query parameter is required');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/xml' }).end(streamTwiml(config.bridge.publicUrl, callId));
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('unknown Twilio webhook');
  };
}
