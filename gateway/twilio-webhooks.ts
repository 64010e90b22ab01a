import type { IncomingMessage, ServerResponse } from 'node:http';
import twilio from 'twilio';
import { recordCall } from '../db/calls.ts';
import type { OrganizationClients } from '../db/credentials.ts';
import { BusinessConfig } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import { isUuid, uuidFor } from '../lib/ids.ts';
import type { Logger } from '../lib/logger.ts';
import { isE164 } from '../lib/phone.ts';
import { voiceTwiml } from '../lib/twilio.ts';
import type { Workflows } from '../schema/workflows.ts';
import { answeredBySignal, twilioStatusSignal } from '../workflows/definitions/call.ts';
import { conferenceEventSignal } from '../workflows/definitions/escalation.ts';
import { createBridgePicker } from './bridges.ts';
import { webhookAuthToken } from './twilio-accounts.ts';

export const TWILIO_PATH_PREFIX = '/twilio/';

/**
 * TwiML that connects the call to a bridge's media stream, naming the call. When the stream ends
 * while the call goes on (the bridge died), Twilio asks `action` what to do next.
 */
export function streamTwiml(opts: { bridgeUrl: string; callId: string; actionUrl: string }): string {
  return voiceTwiml((response) => {
    const connect = response.connect({ action: opts.actionUrl, method: 'POST' });
    connect.stream({ url: `${opts.bridgeUrl}/media-stream` }).parameter({ name: 'callId', value: opts.callId });
  });
}

const hangupTwiml = (say?: string) =>
  voiceTwiml((response) => {
    if (say) response.say(say);
    response.hangup();
  });

/** The call id of an inbound call: derived from its CallSid, so repeated webhooks agree on it. */
export const inboundCallId = (callSid: string): string => uuidFor('twilio-call', callSid);

/**
 * Twilio's webhooks: outside user auth, but every request must carry a valid X-Twilio-Signature
 * for the configured auth token and the public URL Twilio called; anything else gets 403.
 *
 * - `POST /twilio/voice/inbound`: a number's Voice URL. The called number picks the business; the
 *   call's workflow is signal-started and the answer streams the call to a bridge.
 * - `POST /twilio/voice/outbound?callId=`: TwiML for an outbound call once answered.
 * - `POST /twilio/status[?callId=]`: status callbacks (without callId: found by CallSid).
 * - `POST /twilio/amd?callId=`: the asynchronous answering-machine verdict.
 * - `POST /twilio/stream-ended?callId=`: `<Connect action>`; streams again if the call is still up.
 * - `POST /twilio/conference?escalationId=`: a warm transfer's conference events (join, leave, end).
 */
export function createTwilioWebhooks(deps: {
  config: Config;
  workflows: Workflows;
  orm: Orm;
  logger: Logger;
  clients: OrganizationClients;
}) {
  const { config, workflows, orm, logger } = deps;
  const authTokenFor = webhookAuthToken(orm, deps.clients, inboundCallId);
  const pickBridge = createBridgePicker(config.bridge.publicUrls);
  /** `base` is where Twilio reached us (PUBLIC_URL, or the Host it called), so its next request comes back here. */
  const connectTwiml = async (base: string, callId: string) =>
    streamTwiml({
      bridgeUrl: await pickBridge(),
      callId,
      actionUrl: `${base}/twilio/stream-ended?callId=${callId}`,
    });

  const send = (res: ServerResponse, status: number, body?: string, type = 'text/plain') =>
    res.writeHead(status, body === undefined ? {} : { 'content-type': type }).end(body);
  const sendTwiml = (res: ServerResponse, twiml: string) => send(res, 200, twiml, 'text/xml');

  async function inbound(base: string, params: Record<string, string>, res: ServerResponse): Promise<void> {
    const { CallSid: callSid, To: to, From: from } = params;
    if (!callSid || !to || !from || !isE164(to) || !isE164(from)) {
      send(res, 400, 'CallSid, and From and To in E.164, are required');
      return;
    }
    const em = orm.em.fork();
    const business = await em.findOne(
      BusinessConfig,
      { active: true, phoneNumbers: { $contains: [to] } },
      { orderBy: { createdAt: 'asc' } },
    );
    if (!business) {
      logger.warn({ to }, 'inbound call to a number no business answers');
      sendTwiml(res, hangupTwiml('Sorry, this number is not in service.'));
      return;
    }
    const callId = inboundCallId(callSid);
    const input = workflows.callInput(business, {
      callId,
      organizationId: business.organization.id,
      direction: 'inbound',
      fromNumber: from,
      toNumber: to,
      twilioCallSid: callSid,
    });
    // The row exists before the stream reaches a bridge (which loads the call); both steps are
    // idempotent, so when Twilio retries the webhook the second time only signals the workflow.
    await recordCall(em, {
      id: callId,
      organizationId: input.organizationId,
      businessId: business.id,
      direction: 'inbound',
      fromNumber: from,
      toNumber: to,
      twilioCallSid: callSid,
    });
    await workflows.answerInboundCall(input, { callSid, status: params.CallStatus ?? 'ringing', sequenceNumber: -1 });
    logger.info({ callId, businessId: business.id }, 'inbound call answered');
    sendTwiml(res, await connectTwiml(base, callId));
  }

  return async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    // Twilio signs the URL it called: PUBLIC_URL when set (behind a proxy), else the Host it reached.
    const base = config.gateway.publicUrlConfigured ? config.gateway.publicUrl : `http://${req.headers.host}`;
    const url = `${base}${req.url ?? ''}`;
    const params = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
    const signature = req.headers['x-twilio-signature'];
    if (
      req.method !== 'POST' ||
      typeof signature !== 'string' ||
      !twilio.validateRequest(await authTokenFor(new URL(url), params), signature, url, params)
    ) {
      logger.warn({ path: req.url, ip: req.socket.remoteAddress }, 'twilio webhook refused: bad signature');
      send(res, 403, 'invalid Twilio signature');
      return;
    }
    const { pathname, searchParams } = new URL(url);
    if (pathname === '/twilio/voice/inbound') {
      await inbound(base, params, res);
      return;
    }
    if (pathname === '/twilio/conference') {
      // A warm transfer's conference: who joined or left, for the escalation that opened it.
      const escalationId = searchParams.get('escalationId') ?? '';
      if (!isUuid(escalationId) || !params.StatusCallbackEvent) {
        send(res, 400, 'escalationId and StatusCallbackEvent are required');
        return;
      }
      await workflows.signalEscalation(escalationId, conferenceEventSignal, {
        event: params.StatusCallbackEvent,
        callSid: params.CallSid ?? null,
      });
      send(res, 204);
      return;
    }
    // Every other webhook names its call: by our id, or (an inbound call's status) by its CallSid.
    const callId = searchParams.get('callId') ?? (params.CallSid ? inboundCallId(params.CallSid) : '');
    if (!isUuid(callId)) {
      send(res, 400, 'callId query parameter (or CallSid) is required');
      return;
    }
    const unknownCall = () => logger.warn({ callId, path: pathname }, 'twilio webhook for an unknown or finished call');
    switch (pathname) {
      case '/twilio/status': {
        if (!params.CallStatus) {
          send(res, 400, 'CallStatus is required');
          return;
        }
        const delivered = await workflows.signalCall(callId, twilioStatusSignal, {
          callSid: params.CallSid ?? null,
          status: params.CallStatus,
          sequenceNumber: Number(params.SequenceNumber ?? 0),
        });
        if (!delivered) unknownCall();
        send(res, 204);
        return;
      }
      case '/twilio/amd': {
        if (!params.AnsweredBy) {
          send(res, 400, 'AnsweredBy is required');
          return;
        }
        if (!(await workflows.signalCall(callId, answeredBySignal, { answeredBy: params.AnsweredBy }))) unknownCall();
        send(res, 204);
        return;
      }
      case '/twilio/voice/outbound':
        sendTwiml(res, await connectTwiml(base, callId));
        return;
      case '/twilio/stream-ended': {
        const answer = await workflows.streamEnded(callId);
        if (!answer) unknownCall();
        const reconnect = answer?.reconnect ?? false;
        if (reconnect) logger.warn({ callId }, 'media stream lost while the call is up; streaming again');
        sendTwiml(res, reconnect ? await connectTwiml(base, callId) : hangupTwiml());
        return;
      }
      default:
        send(res, 404, 'unknown Twilio webhook');
    }
  };
}
