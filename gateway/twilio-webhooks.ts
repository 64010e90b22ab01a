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
import { mediaStreamUrl, signStreamToken } from '../lib/stream-token.ts';
import { voiceTwiml } from '../lib/twilio.ts';
import type { Workflows } from '../schema/workflows.ts';
import { answeredBySignal, type StreamDecision, twilioStatusSignal } from '../workflows/definitions/call.ts';
import { conferenceEventSignal } from '../workflows/definitions/escalation.ts';
import { createBridgePicker } from './bridges.ts';
import { webhookAuthToken } from './twilio-accounts.ts';

export const TWILIO_PATH_PREFIX = '/twilio/';

/**
 * TwiML that connects the call to a bridge's media stream, naming the call and carrying the
 * stream's ticket. When the stream ends while the call goes on (the bridge died), Twilio asks
 * `action` what to do next; a reconnect may first ask the caller to hold, or pause.
 */
export function streamTwiml(opts: {
  bridgeUrl: string;
  callId: string;
  token: string;
  actionUrl: string;
  holdSeconds?: number;
  holdMessage?: boolean;
}): string {
  return voiceTwiml((response) => {
    if (opts.holdMessage) response.say('One moment, please.');
    if (opts.holdSeconds) response.pause({ length: opts.holdSeconds });
    const connect = response.connect({ action: opts.actionUrl, method: 'POST' });
    const stream = connect.stream({ url: mediaStreamUrl(opts.bridgeUrl, opts.callId) });
    stream.parameter({ name: 'callId', value: opts.callId });
    stream.parameter({ name: 'token', value: opts.token });
  });
}

/** Ask again shortly: the call's workflow did not answer in time (its worker is being replaced). */
const askAgainTwiml = (actionUrl: string) =>
  voiceTwiml((response) => {
    response.pause({ length: 2 });
    response.redirect({ method: 'POST' }, actionUrl);
  });

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
  const actionUrl = (base: string, callId: string) => `${base}/twilio/stream-ended?callId=${callId}`;
  /**
   * `base` is where Twilio reached us (PUBLIC_URL, or the Host it called), so its next request comes
   * back here. With no bridge answering its health check, the caller waits a moment first.
   */
  const connectTwiml = async (base: string, callId: string, decision: StreamDecision = { reconnect: true }) => {
    const bridgeUrl = await pickBridge();
    return streamTwiml({
      bridgeUrl: bridgeUrl ?? (config.bridge.publicUrls[0] as string),
      callId,
      token: await signStreamToken(config.auth.jwtSecret, { callId, stream: decision.stream ?? 0 }),
      actionUrl: actionUrl(base, callId),
      holdSeconds: bridgeUrl ? decision.holdSeconds : Math.max(decision.holdSeconds ?? 0, 2),
      ...(decision.holdMessage && { holdMessage: true }),
    });
  };

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
    await workflows.answerInboundCall(input, business, {
      callSid,
      status: params.CallStatus ?? 'ringing',
      sequenceNumber: -1,
    });
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
        // Twilio gives up on this request after 15 s; a workflow that cannot answer sooner is asked again.
        const answer = await workflows.streamEnded(callId, config.calls.streamAnswerTimeoutMs);
        if (answer === 'timeout') {
          logger.warn({ callId }, 'the call workflow did not answer in time; asking again shortly');
          sendTwiml(res, askAgainTwiml(actionUrl(base, callId)));
          return;
        }
        if (!answer) unknownCall();
        if (answer?.reconnect) logger.warn({ callId, stream: answer.stream }, 'media stream lost; streaming again');
        sendTwiml(res, answer?.reconnect ? await connectTwiml(base, callId, answer) : hangupTwiml());
        return;
      }
      default:
        send(res, 404, 'unknown Twilio webhook');
    }
  };
}
