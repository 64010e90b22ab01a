import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import twilio from 'twilio';
import { WebSocketServer } from 'ws';
import { createTwilioClient } from '../../lib/twilio.ts';
import { type RealtimeSimulator, startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { FRAME_BYTES, frames, hear, isSilent, silence, speak } from '../../scripts/simulators/speech.ts';
import { startTelephonySimulator, type TelephonySimulator } from '../../scripts/simulators/telephony.ts';
import { simulatorTls, type TlsFiles } from '../../scripts/simulators/tls.ts';

// Server events are read loosely here; the simulator's shapes are what is under test.
// biome-ignore lint/suspicious/noExplicitAny: wire events
type ServerEvent = Record<string, any>;

const ACCOUNT_SID = `AC${'0'.repeat(31)}1`;
const AUTH_TOKEN = 'simulator-test-token';

describe('telephony simulator, driven by the real twilio SDK', () => {
  let sim: TelephonySimulator;
  let webhooks: Server;
  let webhookBase: string;
  let fakeBridge: WebSocketServer;
  const callbacks: { status: string; validSignature: boolean }[] = [];
  /** What the fake bridge heard, per call, and the marks it got back. */
  const bridge = { heard: [] as string[], parameters: {} as Record<string, string>, marksBack: [] as string[] };

  beforeAll(async () => {
    sim = await startTelephonySimulator({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN });
    // A stand-in for the platform's bridge: answers each caller turn with a sentence and a mark.
    fakeBridge = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    await new Promise((resolve) => fakeBridge.once('listening', resolve));
    const bridgeUrl = `ws://127.0.0.1:${(fakeBridge.address() as AddressInfo).port}/media-stream`;
    fakeBridge.on('connection', (socket) => {
      let turn: Buffer[] = [];
      let quietFrames = 0;
      let streamSid = '';
      let replies = 0;
      const say = (text: string, mark: string) => {
        for (const chunk of frames(speak(text))) {
          socket.send(JSON.stringify({ event: 'media', streamSid, media: { payload: chunk.toString('base64') } }));
        }
        socket.send(JSON.stringify({ event: 'mark', streamSid, mark: { name: mark } }));
      };
      socket.on('message', (data) => {
        const message = JSON.parse(data.toString());
        if (message.event === 'start') {
          streamSid = message.start.streamSid;
          bridge.parameters = message.start.customParameters;
          say('Hello, how can I help?', 'greeting');
        } else if (message.event === 'mark') {
          bridge.marksBack.push(message.mark.name);
        } else if (message.event === 'media') {
          const frame = Buffer.from(message.media.payload, 'base64');
          expect(frame.length).toBe(FRAME_BYTES);
          if (!isSilent(frame)) {
            // The caller started talking: stop whatever is still playing (barge-in).
            if (turn.length === 0) socket.send(JSON.stringify({ event: 'clear', streamSid }));
            turn.push(frame);
            quietFrames = 0;
          } else if (turn.length && ++quietFrames >= 15) {
            bridge.heard.push(...hear(Buffer.concat(turn)));
            turn = [];
            replies += 1;
            say(`Reply number ${replies}, one moment please.`, `reply-${replies}`);
          }
        }
      });
    });

    webhooks = createServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      const params = Object.fromEntries(new URLSearchParams(body));
      const url = `${webhookBase}${req.url}`;
      const validSignature = twilio.validateRequest(AUTH_TOKEN, String(req.headers['x-twilio-signature']), url, params);
      if (req.url?.startsWith('/status')) {
        callbacks.push({ status: params.CallStatus ?? '', validSignature });
        res.writeHead(204).end();
      } else {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(
          `<Response><Connect><Stream url="${bridgeUrl}"><Parameter name="callId" value="call-123"/></Stream></Connect></Response>`,
        );
      }
    });
    await new Promise<void>((resolve) => webhooks.listen(0, '127.0.0.1', resolve));
    webhookBase = `http://127.0.0.1:${(webhooks.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await sim?.stop();
    await new Promise((resolve) => fakeBridge?.close(resolve));
    await new Promise((resolve) => webhooks?.close(resolve));
  });

  const client = () =>
    createTwilioClient({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, apiBaseUrl: sim.apiBaseUrl });
  const dial = (to: string) =>
    client().calls.create({
      to,
      from: '+15005550006',
      url: `${webhookBase}/voice`,
      statusCallback: `${webhookBase}/status`,
      statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    });

  it('places a call, streams the conversation in real time and reports every status, signed', async () => {
    callbacks.length = 0;
    const call = await dial('+15550100000');
    expect(call.sid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(call.status).toBe('queued');
    const simulated = sim.calls.get(call.sid)!;
    await simulated.done;

    expect(callbacks.map((c) => c.status)).toEqual(['initiated', 'ringing', 'in-progress', 'completed']);
    expect(callbacks.every((c) => c.validSignature)).toBe(true);
    expect(bridge.parameters).toEqual({ callId: 'call-123' });
    // The bridge heard each line exactly as the persona said it, and the persona heard the replies.
    expect(bridge.heard).toEqual(simulated.said);
    expect(simulated.said).toHaveLength(3);
    expect(simulated.heard.slice(0, 2)).toEqual(['Hello, how can I help?', 'Reply number 1, one moment please.']);
    expect(bridge.marksBack).toEqual(expect.arrayContaining(['greeting', 'reply-1', 'reply-2']));
    expect(simulated.stream.bargedIn).toBe(false);
    expect((await client().calls(call.sid).fetch()).status).toBe('completed');
  });

  it('lets an impatient caller talk over the agent, and honours clear by returning its marks', async () => {
    bridge.marksBack.length = 0;
    const call = await dial('+15550100008');
    const simulated = sim.calls.get(call.sid)!;
    await simulated.done;
    expect(simulated.stream.bargedIn).toBe(true);
    expect(simulated.stream.clears).toBeGreaterThan(0);
    // The interrupted reply was cut short, so the caller never heard it whole; its mark still came back.
    expect(simulated.heard).not.toContain('Reply number 1, one moment please.');
    expect(bridge.marksBack).toContain('reply-1');
  });

  it('answers busy and no-answer numbers the way Twilio reports them', async () => {
    callbacks.length = 0;
    const busy = await dial('+15550100006');
    await sim.calls.get(busy.sid)!.done;
    expect(callbacks.map((c) => c.status)).toEqual(['initiated', 'ringing', 'busy']);
    callbacks.length = 0;
    const noAnswer = await dial('+15550100007');
    await sim.calls.get(noAnswer.sid)!.done;
    expect(callbacks.map((c) => c.status)).toEqual(['initiated', 'ringing', 'no-answer']);
  });

  it('hangs up a call when asked through the REST API', async () => {
    const call = await dial('+15550100004');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await client().calls(call.sid).update({ status: 'completed' });
    await sim.calls.get(call.sid)!.done;
    expect(sim.calls.get(call.sid)!.status).toBe('completed');
  });

  it('refuses an invalid number and wrong credentials with Twilio error codes', async () => {
    await expect(dial('555-0100')).rejects.toMatchObject({ status: 400, code: 21211 });
    const wrong = createTwilioClient({ accountSid: ACCOUNT_SID, authToken: 'wrong', apiBaseUrl: sim.apiBaseUrl });
    await expect(wrong.calls.list({ limit: 1 })).rejects.toMatchObject({ status: 401 });
  });
});

describe('Realtime simulator, driven by the real openai SDK', () => {
  let sim: RealtimeSimulator;
  let tls: TlsFiles;

  beforeAll(async () => {
    tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
    sim = await startRealtimeSimulator({ tls });
  });
  afterAll(() => sim?.stop());

  async function connect() {
    const client = new OpenAI({ apiKey: 'sim-key', baseURL: sim.baseUrl });
    const rt = new OpenAIRealtimeWS({ model: 'gpt-realtime', options: { ca: tls.cert } }, client);
    const events: ServerEvent[] = [];
    rt.on('event', (event) => events.push(event as ServerEvent));
    await new Promise((resolve) => rt.socket.once('open', resolve));
    let cursor = 0;
    /** The next event of this type after the last one taken, waiting for it if need be. */
    const next = async (type: string): Promise<ServerEvent> => {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const index = events.findIndex((e, i) => i >= cursor && e.type === type);
        if (index >= 0) {
          cursor = index + 1;
          return events[index]!;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`no ${type} after event ${cursor}; got ${events.map((e) => e.type).join(', ')}`);
    };
    return { rt, events, next };
  }

  const audioOf = (events: ServerEvent[], responseId: string) =>
    Buffer.concat(
      events
        .filter((e) => e.type === 'response.output_audio.delta' && e.response_id === responseId)
        .map((e) => Buffer.from(e.delta, 'base64')),
    );

  it('greets, hears a question through server VAD, calls a tool and answers from its output', async () => {
    const { rt, events, next } = await connect();
    rt.send({
      type: 'session.update',
      session: {
        type: 'realtime',
        instructions: 'You are a helpful agent.',
        audio: {
          input: { format: { type: 'audio/pcmu' }, turn_detection: { type: 'server_vad', silence_duration_ms: 300 } },
          output: { format: { type: 'audio/pcmu' }, voice: 'alloy' },
        },
        tools: [
          {
            type: 'function',
            name: 'lookup_knowledge',
            description: 'Search the knowledge base',
            parameters: { type: 'object' },
          },
        ],
      },
    });
    await next('session.updated');

    rt.send({ type: 'response.create' });
    const greeting = (await next('response.done')).response;
    expect(hear(audioOf(events, greeting.id))).toEqual([greeting.output[0].content[0].transcript]);

    const question = 'What are your opening hours?';
    rt.send({
      type: 'input_audio_buffer.append',
      audio: Buffer.concat([speak(question), silence(400)]).toString('base64'),
    });
    await next('input_audio_buffer.speech_started');
    await next('input_audio_buffer.speech_stopped');
    expect((await next('conversation.item.input_audio_transcription.completed')).transcript).toBe(question);
    const toolCall = (await next('response.done')).response.output[0];
    expect(toolCall).toMatchObject({ type: 'function_call', name: 'lookup_knowledge' });
    expect(JSON.parse(toolCall.arguments)).toEqual({ query: question });

    rt.send({
      type: 'conversation.item.create',
      item: { type: 'function_call_output', call_id: toolCall.call_id, output: 'We are open 9 to 5.' },
    });
    rt.send({ type: 'response.create' });
    const answer = (await next('response.done')).response;
    const transcript = answer.output[0].content[0].transcript;
    expect(transcript).toContain('We are open 9 to 5.');
    expect(hear(audioOf(events, answer.id))).toEqual([transcript]);

    rt.send({ type: 'conversation.item.truncate', item_id: answer.output[0].id, content_index: 0, audio_end_ms: 120 });
    expect(await next('conversation.item.truncated')).toMatchObject({
      item_id: answer.output[0].id,
      audio_end_ms: 120,
    });
    expect(sim.sessions.at(-1)!.received.map((e) => e.type)).toContain('conversation.item.truncate');
    rt.close();
  });

  it('refuses a connection without an API key', async () => {
    const client = new OpenAI({ apiKey: 'placeholder', baseURL: sim.baseUrl });
    const rt = new OpenAIRealtimeWS(
      { model: 'gpt-realtime', options: { ca: tls.cert, headers: { Authorization: '' } } },
      client,
    );
    const failure = await new Promise((resolve) => {
      rt.socket.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      rt.socket.once('error', () => resolve('error'));
    });
    expect([401, 'error']).toContain(failure);
  });
});
