import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import { WebSocketServer } from 'ws';
import { createTwilioClient } from '../../lib/twilio.ts';
import {
  type SimulatedCall,
  startTelephonySimulator,
  type TelephonySimulator,
} from '../../scripts/simulators/telephony.ts';

const ACCOUNT_SID = `AC${'0'.repeat(31)}2`;
const AUTH_TOKEN = 'conference-test-token';
const FROM = '+15005550006';
const CALLER = '+15550100003'; // asks_for_human: asks twice, then waits 5 s before hanging up
const AGENT = '+15550200001';
const AGENT_NO_ANSWER = '+15550200009';
const SUMMARY = 'The caller wants a manager about a late order, number one two three four five.';
const GREETING = 'Hi, this is Sam from support, I have your details.';

const waitFor = async <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const at = (call: SimulatedCall, event: string, detail?: string) =>
  call.timeline.find((e) => e.event === event && (detail === undefined || e.detail === detail))?.at ?? Number.NaN;

describe('telephony simulator conferences (warm transfer), driven by the real twilio SDK', () => {
  let sim: TelephonySimulator;
  let webhooks: Server;
  let webhookBase: string;
  let bridge: WebSocketServer;
  let bridgeUrl: string;
  /** Media-stream events the stand-in bridge received, per call. */
  const streamEvents = new Map<string, string[]>();
  const conferenceCallbacks: { params: Record<string, string>; validSignature: boolean }[] = [];
  const callStatuses: { callSid: string; status: string }[] = [];

  beforeAll(async () => {
    sim = await startTelephonySimulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    // The AI's bridge, reduced to listening: the test only needs to see the stream start and stop.
    bridge = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => bridge.once('listening', resolve));
    bridgeUrl = `ws://127.0.0.1:${(bridge.address() as AddressInfo).port}/media-stream`;
    bridge.on('connection', (socket) => {
      let callSid = '';
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.event === 'start') callSid = message.start.callSid;
        if (callSid && message.event !== 'media')
          streamEvents.set(callSid, [...(streamEvents.get(callSid) ?? []), message.event]);
      });
    });

    webhooks = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const params = Object.fromEntries(new URLSearchParams(body));
      const validSignature = twilio.validateRequest(
        AUTH_TOKEN,
        String(req.headers['x-twilio-signature']),
        `${webhookBase}${req.url}`,
        params,
      );
      if (req.url === '/conference-events') {
        conferenceCallbacks.push({ params, validSignature });
        res.writeHead(204).end();
      } else if (req.url === '/status') {
        callStatuses.push({ callSid: params.CallSid ?? '', status: params.CallStatus ?? '' });
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(`<Response><Connect><Stream url="${bridgeUrl}"/></Connect></Response>`);
      }
    });
    await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
    webhookBase = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sim?.stop();
    await new Promise((resolve) => bridge?.close(resolve));
    await new Promise((resolve) => webhooks?.close(resolve));
  });

  const client = () =>
    createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sim.apiBaseUrl });

  /** The platform's first step: ring the agent, tell it the summary, put it in the room. */
  const dialAgent = (to: string, room: string, conferenceAttrs = '') =>
    client().calls.create({
      to,
      from: FROM,
      timeout: 15,
      twiml:
        `<Response><Say>${SUMMARY}</Say><Dial><Conference statusCallback="${webhookBase}/conference-events" ` +
        `statusCallbackEvent="start end join leave" startConferenceOnEnter="true" beep="false" waitUrl="" ${conferenceAttrs}>` +
        `${room}</Conference></Dial></Response>`,
      statusCallback: `${webhookBase}/status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });

  /** A caller talking to the AI over a media stream. */
  const callerOnStream = async (to = CALLER) => {
    const call = await client().calls.create({ to, from: FROM, url: `${webhookBase}/voice` });
    await waitFor('the caller streaming to the AI', () => streamEvents.get(call.sid)?.includes('start'));
    return call;
  };

  it('hands a streaming caller to an agent who heard the summary, and the AI leaves', async () => {
    const room = 'escalation-warm-1';
    const caller = await callerOnStream();
    const agent = await dialAgent(AGENT, room);

    // The agent alone does not start a conference (Twilio needs two), but is listed as connected.
    const waiting = await waitFor('the agent in the conference', async () => {
      const [conference] = await client().conferences.list({ friendlyName: room, limit: 1 });
      if (!conference) return undefined;
      const participants = await client().conferences(conference.sid).participants.list();
      return participants.some((p) => p.callSid === agent.sid && p.status === 'connected') ? conference : undefined;
    });
    expect(waiting.status).toBe('init');
    expect(await client().conferences.list({ friendlyName: room, status: 'in-progress' })).toEqual([]);

    await client()
      .calls(caller.sid)
      .update({ twiml: `<Response><Dial><Conference>${room}</Conference></Dial></Response>` });

    await waitFor('the AI stream to stop', () => streamEvents.get(caller.sid)?.includes('stop'));
    const started = await waitFor('the conference to start', async () => {
      const [conference] = await client().conferences.list({ friendlyName: room, status: 'in-progress' });
      return conference;
    });
    const participants = await client().conferences(started.sid).participants.list();
    expect(participants.map((p) => p.callSid).sort()).toEqual([agent.sid, caller.sid].sort());
    expect(participants.every((p) => p.conferenceSid === started.sid && p.status === 'connected')).toBe(true);

    const conference = sim.conferenceNamed(room)!;
    await conference.done;
    const callerCall = sim.calls.get(caller.sid)!;
    const agentCall = sim.calls.get(agent.sid)!;
    await Promise.all([callerCall.done, agentCall.done]);

    // The agent heard the summary before joining; the AI left after the agent was in, then the caller joined.
    expect(agentCall.twimlSaid).toEqual([SUMMARY]);
    expect(at(agentCall, 'say', SUMMARY)).toBeLessThan(at(agentCall, 'conference-joined', room));
    expect(at(agentCall, 'conference-joined')).toBeLessThan(at(callerCall, 'stream-stopped', 'redirected'));
    expect(at(callerCall, 'stream-stopped')).toBeLessThanOrEqual(at(callerCall, 'conference-joined', room));
    expect(streamEvents.get(caller.sid)).toEqual(['start', 'stop']);

    // Who said what in the room, and who heard it.
    expect(conference.speech.map(({ callSid, text, heardBy }) => ({ callSid, text, heardBy }))).toEqual([
      { callSid: agent.sid, text: GREETING, heardBy: [caller.sid] },
      { callSid: caller.sid, text: 'Thank you, finally a real person.', heardBy: [agent.sid] },
    ]);
    expect(callerCall.timeline.filter((e) => e.event === 'conference-heard').map((e) => e.detail)).toEqual([GREETING]);

    // The caller hung up; the agent, left alone, followed; the room ended with its last participant.
    expect(conference.participants.map((p) => [p.persona, p.reasonLeft])).toEqual([
      ['agent', 'participant_hung_up'],
      ['asks_for_human', 'participant_hung_up'],
    ]);
    expect(conference.participants[0]!.joinedAt).toBeLessThan(conference.participants[1]!.joinedAt);
    expect(conference.participants[1]!.leftAt!).toBeLessThanOrEqual(conference.participants[0]!.leftAt!);
    expect(conference).toMatchObject({ status: 'completed', reasonEnded: 'last-participant-left' });
    expect(callerCall.conferences).toEqual([
      expect.objectContaining({ sid: conference.sid, friendlyName: room, reasonLeft: 'participant_hung_up' }),
    ]);
    expect(callerCall.status).toBe('completed');
    expect(agentCall.status).toBe('completed');

    // Conference events reached the first participant's statusCallback, signed and in order.
    const mine = conferenceCallbacks.filter((c) => c.params.FriendlyName === room);
    expect(mine.every((c) => c.validSignature)).toBe(true);
    expect(mine.map((c) => [c.params.StatusCallbackEvent, c.params.CallSid])).toEqual([
      ['participant-join', agent.sid],
      ['participant-join', caller.sid],
      ['conference-start', undefined],
      ['participant-leave', caller.sid],
      ['participant-leave', agent.sid],
      ['conference-end', undefined],
    ]);
    expect(mine.map((c) => Number(c.params.SequenceNumber))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(mine.every((c) => c.params.ConferenceSid === conference.sid && c.params.AccountSid === ACCOUNT_SID)).toBe(
      true,
    );
    expect(mine[0]!.params).toMatchObject({ StartConferenceOnEnter: 'true', EndConferenceOnExit: 'false' });
    expect(mine[3]!.params).toMatchObject({
      ReasonParticipantLeft: 'participant_hung_up',
      ParticipantCallStatus: 'completed',
    });
    expect(mine[5]!.params).toMatchObject({ ReasonConferenceEnded: 'last-participant-left' });

    const ended = await client().conferences(conference.sid).fetch();
    expect(ended).toMatchObject({
      status: 'completed',
      friendlyName: room,
      reasonConferenceEnded: 'last-participant-left',
    });
    expect(await client().conferences(conference.sid).participants.list()).toEqual([]);
  });

  it('never puts an agent who does not answer into the conference', async () => {
    const room = 'escalation-no-answer';
    const agent = await dialAgent(AGENT_NO_ANSWER, room);
    const agentCall = sim.calls.get(agent.sid)!;
    await agentCall.done;
    expect(agentCall.status).toBe('no-answer');
    expect(callStatuses.filter((s) => s.callSid === agent.sid).map((s) => s.status)).toEqual([
      'initiated',
      'ringing',
      'no-answer',
    ]);
    expect(agentCall.twimlSaid).toEqual([]);
    expect(agentCall.conferences).toEqual([]);
    expect(sim.conferenceNamed(room)).toBeUndefined();
    expect(await client().conferences.list({ friendlyName: room })).toEqual([]);
  });

  it('ends the conference when a participant with endConferenceOnExit hangs up, and the caller carries on', async () => {
    const room = 'escalation-moderated';
    const agent = await dialAgent(AGENT, room, 'endConferenceOnExit="true"');
    await waitFor('the agent in the room', () => sim.conferenceNamed(room)?.participants.length === 1);
    const caller = await client().calls.create({
      to: '+15550100004', // silent: would wait 6 s of quiet before hanging up
      from: FROM,
      twiml: `<Response><Dial><Conference>${room}</Conference></Dial><Say>The agent has left the call.</Say></Response>`,
    });
    const conference = sim.conferenceNamed(room)!;
    await waitFor('the conference to start', () => conference.status === 'in-progress');

    await client().calls(agent.sid).update({ status: 'completed' });
    await conference.done;
    const callerCall = sim.calls.get(caller.sid)!;
    await callerCall.done;

    expect(conference).toMatchObject({
      status: 'completed',
      reasonEnded: 'participant-with-end-conference-on-exit-left',
      callSidEndingConference: agent.sid,
    });
    expect(conference.participants.map((p) => p.reasonLeft)).toEqual([
      'participant_hung_up',
      'moderator_ended_conference',
    ]);
    // As on Twilio, the caller's TwiML goes on after <Dial> once the conference is over.
    expect(callerCall.twimlSaid).toEqual(['The agent has left the call.']);
    expect(callerCall.status).toBe('completed');
  });

  it('mutes, removes and ends through the Participants and Conferences resources', async () => {
    const room = 'escalation-rest';
    const agent = await dialAgent(AGENT, room);
    await waitFor('the agent in the room', () => sim.conferenceNamed(room)?.participants.length === 1);
    const callers = await Promise.all(
      ['+15550100004', '+15550100004'].map((to) =>
        client().calls.create({
          to,
          from: FROM,
          twiml: `<Response><Dial><Conference>${room}</Conference></Dial></Response>`,
        }),
      ),
    );
    const conference = sim.conferenceNamed(room)!;
    await waitFor('three in the room', () => conference.participants.length === 3);

    const muted = await client().conferences(conference.sid).participants(agent.sid).update({ muted: true });
    expect(muted).toMatchObject({ callSid: agent.sid, muted: true, hold: false });
    expect(
      (await client().conferences(conference.sid).participants.list({ muted: true })).map((p) => p.callSid),
    ).toEqual([agent.sid]);

    // Muted, the agent's greeting reaches nobody.
    await waitFor('the agent to finish a line', () => conference.speech.some((line) => line.callSid === agent.sid));
    expect(conference.speech.filter((line) => line.callSid === agent.sid).map((line) => line.heardBy)).toEqual([[]]);

    // A removed caller's call goes on with the TwiML after <Dial> (none here: it ends).
    await client().conferences(conference.sid).participants(callers[0]!.sid).remove();
    await sim.calls.get(callers[0]!.sid)!.done;
    expect(conference.participants[1]).toMatchObject({ reasonLeft: 'participant_updated_via_api' });
    expect(await client().conferences(conference.sid).participants.list()).toHaveLength(2);

    await client().conferences(conference.sid).update({ status: 'completed' });
    await conference.done;
    expect(conference.reasonEnded).toBe('conference-ended-via-api');
    expect(conference.events.map((e) => e.event)).toEqual([
      'participant-join',
      'participant-join',
      'conference-start',
      'participant-join',
      'participant-mute',
      'participant-leave',
      'participant-leave',
      'participant-leave',
      'conference-end',
    ]);
    await expect(
      client()
        .conferences(`CF${'0'.repeat(32)}`)
        .fetch(),
    ).rejects.toMatchObject({ status: 404 });
  });
});
