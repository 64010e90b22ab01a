/**
 * A telephony simulator that behaves like Twilio toward the platform: the REST endpoints we use
 * (create, fetch and update calls), signed status callbacks, TwiML fetched from our webhooks with
 * a signature, and Media Streams opened to the bridge (connected/start/media/mark/stop, 20 ms μ-law
 * frames in real time, marks echoed when played, clear honoured). The person at the other end is
 * a scripted persona chosen by the number called (./personas.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import WebSocket from 'ws';
import { type Persona, personaFor } from './personas.ts';
import { FRAME_BYTES, FRAME_MS, frames, hear, isSilent, SILENCE_BYTE, speak } from './speech.ts';

const E164 = /^\+[1-9]\d{1,14}$/;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SimulatedCall {
  sid: string;
  to: string;
  from: string;
  persona: string;
  status: string;
  /** Every status callback sent, in order. */
  callbacks: string[];
  direction: 'inbound' | 'outbound-api';
  /** What the persona said, and what it heard the agent say (only audio that was played). */
  said: string[];
  heard: string[];
  /** Sentences played by TwiML `<Say>` (voicemail messages, hold prompts). */
  twimlSaid: string[];
  /** Media streams opened for the call (more than one when a stream was re-established). */
  streams: number;
  /** What the bridge sent on the media stream. */
  stream: {
    url?: string;
    parameters: Record<string, string>;
    mediaIn: number;
    marks: string[];
    clears: number;
    bargedIn: boolean;
  };
  /** Numbers `<Dial>`led (a hand-over to a human), with the caller id shown. */
  dialed: { to: string; callerId: string | undefined }[];
  answeredBy?: 'human' | 'machine_end_beep';
  done: Promise<void>;
}

interface CallParams {
  To: string;
  From: string;
  Direction?: 'inbound' | 'outbound-api';
  Url?: string;
  Twiml?: string;
  StatusCallback?: string;
  StatusCallbackEvent?: string[];
  Timeout?: string;
  MachineDetection?: string;
  AsyncAmd?: string;
  AsyncAmdStatusCallback?: string;
}

export interface TelephonySimulator {
  /** Where the Twilio SDK's REST calls go (see lib/twilio.ts). */
  apiBaseUrl: string;
  accountSid: string;
  calls: Map<string, SimulatedCall>;
  /**
   * Someone calls one of our numbers: Twilio fetches the number's Voice URL (signed) and follows
   * its TwiML; the number's status callback hears how the call ends. `from` picks the persona.
   */
  placeInboundCall(options: { from: string; to: string; voiceUrl: string; statusCallback?: string }): SimulatedCall;
  stop(): Promise<void>;
}

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: true,
  // TwiML values are text: a phone number must stay "+1555…", not become a number.
  parseTagValue: false,
  parseAttributeValue: false,
});

type Verb = { name: string; attrs: Record<string, string>; children: Verb[]; text: string };
function verbs(nodes: unknown[]): Verb[] {
  const out: Verb[] = [];
  for (const node of nodes as Record<string, unknown>[]) {
    const name = Object.keys(node).find((k) => k !== ':@');
    if (!name || name === '#text') continue;
    const children = (node[name] as unknown[]) ?? [];
    const text = (children as Record<string, unknown>[]).map((c) => c['#text'] ?? '').join('');
    out.push({
      name,
      attrs: (node[':@'] as Record<string, string>) ?? {},
      children: verbs(children),
      text: String(text),
    });
  }
  return out;
}

class Call {
  readonly view: SimulatedCall;
  readonly #params: CallParams;
  readonly #accountSid: string;
  readonly #authToken: string;
  readonly #persona: Persona;
  #sequence = 0;
  #answeredAt = 0;
  #ended = false;
  #resolveDone!: () => void;
  #stream: MediaStream | undefined;
  #redirect: string | undefined;
  #hangupRequested = false;
  /** Where the persona is in its script; survives a stream being re-established. */
  readonly #progress: PersonaProgress = { nextLine: 0, repliesSinceLine: 0 };

  constructor(params: CallParams, accountSid: string, authToken: string) {
    this.#params = params;
    this.#accountSid = accountSid;
    this.#authToken = authToken;
    // The person is at the far end: who we called, or who called us.
    this.#persona = personaFor(params.Direction === 'inbound' ? params.From : params.To);
    this.view = {
      sid: sid('CA'),
      to: params.To,
      from: params.From,
      persona: this.#persona.name,
      status: 'queued',
      direction: params.Direction ?? 'outbound-api',
      callbacks: [],
      said: [],
      heard: [],
      twimlSaid: [],
      streams: 0,
      stream: { parameters: {}, mediaIn: 0, marks: [], clears: 0, bargedIn: false },
      dialed: [],
      done: new Promise((resolve) => {
        this.#resolveDone = resolve;
      }),
    };
  }

  json() {
    return {
      sid: this.view.sid,
      account_sid: this.#accountSid,
      to: this.view.to,
      from: this.view.from,
      status: this.view.status,
      direction: this.view.direction,
      answered_by: this.view.answeredBy ?? null,
      duration: this.#answeredAt && this.#ended ? String(Math.round((Date.now() - this.#answeredAt) / 1000)) : null,
      uri: `/2010-04-01/Accounts/${this.#accountSid}/Calls/${this.view.sid}.json`,
    };
  }

  async run(): Promise<void> {
    if (this.view.direction === 'inbound') return this.#runInbound();
    await this.#setStatus('initiated', 'initiated');
    await delay(100);
    await this.#setStatus('ringing', 'ringing');
    const persona = this.#persona;
    if (persona.outcome === 'busy') {
      await this.#ring(300);
      return this.#finish(this.#hangupRequested ? 'canceled' : 'busy');
    }
    if (persona.outcome === 'no_answer') {
      await this.#ring(Math.min(Number(this.#params.Timeout ?? 60) * 1000, persona.ringsForMs ?? 2_000));
      return this.#finish(this.#hangupRequested ? 'canceled' : 'no-answer');
    }
    await this.#ring(persona.answerAfterMs);
    if (this.#hangupRequested) return this.#finish('canceled');
    this.#answeredAt = Date.now();
    await this.#setStatus('in-progress', 'answered');
    if (this.#params.MachineDetection) void this.#detectMachine();
    await this.#follow(this.#params.Twiml ?? (await this.#fetchTwiml(this.#params.Url)));
    return this.#finish('completed');
  }

  /** A call to one of our numbers: Twilio asks the number's Voice URL what to do, then does it. */
  async #runInbound(): Promise<void> {
    this.view.status = 'ringing';
    const twiml = await this.#fetchTwiml(this.#params.Url);
    if (twiml === undefined) return this.#finish('failed');
    this.#answeredAt = Date.now();
    await this.#setStatus('in-progress', 'answered');
    await this.#follow(twiml);
    return this.#finish('completed');
  }

  /** Executes TwiML, then whatever replaces it (a REST update, a `<Connect action>` answer). */
  async #follow(first: string | undefined): Promise<void> {
    let twiml = first;
    while (twiml !== undefined && !this.#hangupRequested) {
      await this.#execute(twiml);
      twiml = this.#redirect;
      this.#redirect = undefined;
    }
  }

  /** Rings for up to `ms`; hanging up through the REST API stops it early. */
  async #ring(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && !this.#hangupRequested) await delay(Math.min(50, until - Date.now()));
  }

  /** REST update: hang up, or replace what the call is doing with new TwiML. */
  async update(params: Record<string, string>): Promise<void> {
    if (params.Status === 'completed' || params.Status === 'canceled') {
      this.#hangupRequested = true;
      this.#stream?.end();
      return;
    }
    const twiml = params.Twiml ?? (params.Url ? await this.#fetchTwiml(params.Url) : undefined);
    if (twiml) {
      this.#redirect = twiml;
      this.#stream?.end();
    }
  }

  /** DetectMessageEnd: a person is recognised quickly; a machine once its greeting has ended. */
  async #detectMachine(): Promise<void> {
    const machine = this.#persona.outcome === 'voicemail';
    const greetingMs = machine ? (speak(this.#persona.lines[0] ?? '').length / FRAME_BYTES) * FRAME_MS : 0;
    await delay(machine ? greetingMs + 700 : 1_200);
    if (this.#ended) return;
    this.view.answeredBy = machine ? 'machine_end_beep' : 'human';
    const url = this.#params.AsyncAmdStatusCallback;
    if (url && this.#params.AsyncAmd === 'true') {
      await this.#post(url, { CallSid: this.view.sid, AccountSid: this.#accountSid, AnsweredBy: this.view.answeredBy });
    }
  }

  async #execute(twiml: string): Promise<void> {
    const root = verbs(xml.parse(twiml)).find((v) => v.name === 'Response');
    for (const verb of root?.children ?? []) {
      if (this.#hangupRequested || this.#redirect) return;
      if (verb.name === 'Say') {
        this.view.twimlSaid.push(verb.text);
        await delay(Math.min(3_000, verb.text.length * 20));
      } else if (verb.name === 'Pause') await delay(Number(verb.attrs.length ?? 1) * 1000);
      else if (verb.name === 'Hangup') {
        this.#hangupRequested = true;
        return;
      } else if (verb.name === 'Dial') {
        this.view.dialed.push({ to: verb.text || (verb.children[0]?.text ?? ''), callerId: verb.attrs.callerId });
        // The human picks up and talks for a moment; then the call ends.
        await delay(1_000);
      } else if (verb.name === 'Connect') {
        const stream = verb.children.find((c) => c.name === 'Stream');
        if (!stream?.attrs.url) continue;
        const parameters = Object.fromEntries(
          stream.children.filter((c) => c.name === 'Parameter').map((c) => [c.attrs.name ?? '', c.attrs.value ?? '']),
        );
        this.view.stream.url = stream.attrs.url;
        this.view.stream.parameters = parameters;
        this.view.streams += 1;
        this.#stream = new MediaStream(
          stream.attrs.url,
          parameters,
          this.view,
          this.#persona,
          this.#progress,
          this.#accountSid,
        );
        await this.#stream.finished;
        const { callerHungUp } = this.#stream;
        this.#stream = undefined;
        // The caller hanging up ends the call; new TwiML (a REST update) replaces this document.
        if (callerHungUp) this.#hangupRequested = true;
        if (this.#hangupRequested || this.#redirect) return;
        // The stream ended under the call (the bridge closed or died): Twilio asks `action` what next.
        if (verb.attrs.action) {
          this.#redirect = await this.#fetchTwiml(verb.attrs.action);
          return;
        }
      }
    }
  }

  async #fetchTwiml(url: string | undefined): Promise<string | undefined> {
    if (!url) return undefined;
    const response = await this.#post(url, {
      CallSid: this.view.sid,
      AccountSid: this.#accountSid,
      From: this.view.from,
      To: this.view.to,
      CallStatus: this.view.status,
      Direction: this.view.direction,
    });
    return response?.ok ? await response.text() : undefined;
  }

  async #setStatus(status: string, event: string): Promise<void> {
    this.view.status = status;
    const wanted = this.#params.StatusCallbackEvent ?? [];
    if (!this.#params.StatusCallback || !(event === 'completed' || wanted.includes(event))) return;
    this.#sequence += 1;
    this.view.callbacks.push(status);
    await this.#post(this.#params.StatusCallback, {
      CallSid: this.view.sid,
      AccountSid: this.#accountSid,
      From: this.view.from,
      To: this.view.to,
      CallStatus: status,
      Direction: this.view.direction,
      SequenceNumber: String(this.#sequence - 1),
      Timestamp: new Date().toUTCString(),
      ...(this.#answeredAt &&
        event === 'completed' && { CallDuration: String(Math.round((Date.now() - this.#answeredAt) / 1000)) }),
    });
  }

  async #finish(status: string): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.#setStatus(status, 'completed');
    this.#resolveDone();
  }

  /** Posts a form the way Twilio does, signed with the account's auth token. */
  async #post(url: string, params: Record<string, string>): Promise<Response | undefined> {
    const signature = twilio.getExpectedTwilioSignature(this.#authToken, url, params);
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
      body: new URLSearchParams(params).toString(),
    }).catch(() => undefined);
  }
}

interface PersonaProgress {
  nextLine: number;
  repliesSinceLine: number;
}

/** One Media Stream: the persona's voice in, the agent's audio out, in real time. */
class MediaStream {
  readonly finished: Promise<void>;
  readonly #socket: WebSocket;
  readonly #call: SimulatedCall;
  readonly #persona: Persona;
  readonly #streamSid = sid('MZ');
  #timer: NodeJS.Timeout | undefined;
  #mouth: Buffer[] = [];
  #playback: (Buffer | { mark: string })[] = [];
  #playedUtterance: Buffer[] = [];
  #sequence = 1;
  #chunk = 0;
  #clockMs = 0;
  #idleMs = 0;
  #agentSpeakingMs = 0;
  readonly #progress: PersonaProgress;
  #stopped = false;

  constructor(
    url: string,
    parameters: Record<string, string>,
    call: SimulatedCall,
    persona: Persona,
    progress: PersonaProgress,
    accountSid: string,
  ) {
    this.#call = call;
    this.#persona = persona;
    this.#progress = progress;
    this.#socket = new WebSocket(url);
    this.finished = new Promise((resolve) => {
      this.#socket.on('close', () => {
        clearInterval(this.#timer);
        resolve();
      });
      this.#socket.on('error', () => resolve());
    });
    this.#socket.on('open', () => {
      this.#send({ event: 'connected', protocol: 'Call', version: '1.0.0' });
      this.#send({
        event: 'start',
        sequenceNumber: String(this.#sequence++),
        streamSid: this.#streamSid,
        start: {
          streamSid: this.#streamSid,
          accountSid,
          callSid: call.sid,
          tracks: ['inbound'],
          customParameters: parameters,
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      });
      if (persona.outcome === 'voicemail' && progress.nextLine === 0)
        this.#say(persona.lines[this.#progress.nextLine++] ?? '');
      this.#timer = setInterval(() => this.#tick(), FRAME_MS);
    });
    this.#socket.on('message', (data) => this.#fromBridge(data.toString()));
  }

  /** True when the persona, not the platform, ended the stream. */
  callerHungUp = false;

  #hangUp(): void {
    this.callerHungUp = true;
    this.end();
  }

  /** Stops the stream as Twilio does when the call ends or is redirected. */
  end(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#send({
      event: 'stop',
      sequenceNumber: String(this.#sequence++),
      streamSid: this.#streamSid,
      stop: { accountSid: '', callSid: this.#call.sid },
    });
    this.#socket.close(1000, 'call ended');
  }

  #send(message: unknown): void {
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #say(line: string): void {
    this.#call.said.push(line);
    this.#mouth.push(...frames(speak(line)));
  }

  #fromBridge(text: string): void {
    let message: { event?: string; media?: { payload?: string }; mark?: { name?: string } };
    try {
      message = JSON.parse(text);
    } catch {
      return;
    }
    if (message.event === 'media' && message.media?.payload) {
      this.#call.stream.mediaIn += 1;
      this.#playback.push(Buffer.from(message.media.payload, 'base64'));
    } else if (message.event === 'mark' && message.mark?.name) {
      this.#playback.push({ mark: message.mark.name });
    } else if (message.event === 'clear') {
      this.#call.stream.clears += 1;
      // Twilio drops the unplayed audio and sends back every mark that was waiting behind it.
      for (const item of this.#playback) if (!Buffer.isBuffer(item)) this.#echoMark(item.mark);
      this.#playback = [];
      this.#utteranceEnded();
    }
  }

  #echoMark(name: string): void {
    this.#call.stream.marks.push(name);
    this.#send({ event: 'mark', sequenceNumber: String(this.#sequence++), streamSid: this.#streamSid, mark: { name } });
  }

  /** Every 20 ms: send one frame of the caller's audio and play one frame of the agent's. */
  #tick(): void {
    if (this.#stopped) return;
    this.#clockMs += FRAME_MS;
    const talking = this.#mouth.length > 0;
    const frame = this.#mouth.shift() ?? Buffer.alloc(FRAME_BYTES, SILENCE_BYTE);
    this.#send({
      event: 'media',
      sequenceNumber: String(this.#sequence++),
      streamSid: this.#streamSid,
      media: {
        track: 'inbound',
        chunk: String(++this.#chunk),
        timestamp: String(this.#clockMs),
        payload: frame.toString('base64'),
      },
    });

    let played = 0;
    while (played < FRAME_BYTES && this.#playback.length) {
      const head = this.#playback[0]!;
      if (!Buffer.isBuffer(head)) {
        this.#playback.shift();
        this.#echoMark(head.mark);
        continue;
      }
      const take = head.subarray(0, FRAME_BYTES - played);
      this.#playedUtterance.push(take);
      played += take.length;
      if (take.length === head.length) this.#playback.shift();
      else this.#playback[0] = head.subarray(take.length);
    }
    const agentAudible = played > 0 && !isSilent(Buffer.concat(this.#playedUtterance.slice(-1)));
    if (agentAudible) {
      this.#agentSpeakingMs += FRAME_MS;
      this.#idleMs = 0;
    } else {
      if (this.#agentSpeakingMs > 0 && this.#playback.length === 0) this.#utteranceEnded();
      // Silence on both sides: the caller is not talking and nothing is playing.
      this.#idleMs = talking ? 0 : this.#idleMs + FRAME_MS;
    }
    this.#takeTurn(agentAudible);
  }

  #utteranceEnded(): void {
    const heard = hear(Buffer.concat(this.#playedUtterance));
    if (heard.length) {
      this.#call.heard.push(...heard);
      this.#progress.repliesSinceLine += 1;
    }
    this.#playedUtterance = [];
    this.#agentSpeakingMs = 0;
  }

  /** The persona speaks when the agent has finished (or, for an interrupter, while it talks). */
  #takeTurn(agentAudible: boolean): void {
    const persona = this.#persona;
    if (this.#mouth.length) return;
    const line = persona.lines[this.#progress.nextLine];
    if (persona.outcome === 'voicemail') {
      if (this.#idleMs >= persona.hangUpAfterMs) this.#hangUp();
      return;
    }
    const interrupt =
      agentAudible &&
      persona.interruptAfterMs !== undefined &&
      this.#progress.nextLine === 1 &&
      this.#agentSpeakingMs >= persona.interruptAfterMs;
    // After the agent answered, a short pause; if it never answers, the caller speaks up anyway.
    const turnIsOurs = !agentAudible && this.#idleMs >= (this.#progress.repliesSinceLine > 0 ? 600 : 4_000);
    if (line !== undefined && (interrupt || turnIsOurs)) {
      if (interrupt) this.#call.stream.bargedIn = true;
      this.#progress.repliesSinceLine = 0;
      this.#progress.nextLine += 1;
      this.#say(line);
      this.#idleMs = 0;
      return;
    }
    if (line === undefined && this.#idleMs >= persona.hangUpAfterMs) this.#hangUp();
  }
}

const formOf = (body: string): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const existing = out[key];
    out[key] = existing === undefined ? value : [...(Array.isArray(existing) ? existing : [existing]), value];
  }
  return out;
};

/** Starts the simulator; `accountSid` and `authToken` are what the platform's Twilio client uses. */
export async function startTelephonySimulator(options: {
  accountSid: string;
  authToken: string;
  port?: number;
  host?: string;
}): Promise<TelephonySimulator> {
  const host = options.host ?? '127.0.0.1';
  const calls = new Map<string, SimulatedCall>();
  const running = new Map<string, Call>();
  const expectedAuth = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const callsPath = `/2010-04-01/Accounts/${options.accountSid}/Calls`;

  const reply = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
    reply(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers.authorization !== expectedAuth) return twilioError(res, 401, 20003, 'Authenticate');
    const url = new URL(req.url ?? '/', 'http://sim');
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = formOf(body);
    const one = (key: string) =>
      Array.isArray(form[key]) ? (form[key] as string[])[0] : (form[key] as string | undefined);

    if (req.method === 'POST' && url.pathname === `${callsPath}.json`) {
      const to = one('To') ?? '';
      const from = one('From') ?? '';
      if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!E164.test(from))
        return twilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
      if (!one('Url') && !one('Twiml')) return twilioError(res, 400, 21205, 'Url or Twiml is required.');
      const events = form.StatusCallbackEvent;
      const call = new Call(
        {
          To: to,
          From: from,
          Url: one('Url'),
          Twiml: one('Twiml'),
          StatusCallback: one('StatusCallback'),
          StatusCallbackEvent: (Array.isArray(events) ? events : events ? [events] : []).flatMap((e) => e.split(' ')),
          Timeout: one('Timeout'),
          MachineDetection: one('MachineDetection'),
          AsyncAmd: one('AsyncAmd'),
          AsyncAmdStatusCallback: one('AsyncAmdStatusCallback'),
        },
        options.accountSid,
        options.authToken,
      );
      calls.set(call.view.sid, call.view);
      running.set(call.view.sid, call);
      reply(res, 201, call.json());
      void call.run();
      return;
    }
    const match = new RegExp(`^${callsPath}/(CA[0-9a-f]{32})\\.json$`).exec(url.pathname);
    const call = match ? running.get(match[1]!) : undefined;
    if (!call) return twilioError(res, 404, 20404, 'The requested resource was not found');
    if (req.method === 'GET') return reply(res, 200, call.json());
    if (req.method === 'POST') {
      await call.update(Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v])));
      return reply(res, 200, call.json());
    }
    return twilioError(res, 405, 20004, 'Method not allowed');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(() => twilioError(res, 500, 20500, 'Internal Server Error'));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://${host}:${port}`,
    accountSid: options.accountSid,
    calls,
    placeInboundCall: ({ from, to, voiceUrl, statusCallback }) => {
      if (!E164.test(from) || !E164.test(to)) throw new Error('from and to must be E.164 numbers');
      const call = new Call(
        { To: to, From: from, Direction: 'inbound', Url: voiceUrl, StatusCallback: statusCallback },
        options.accountSid,
        options.authToken,
      );
      calls.set(call.view.sid, call.view);
      running.set(call.view.sid, call);
      void call.run();
      return call.view;
    },
    stop: async () => {
      // Hang up whatever is still going, so nothing outlives the simulator.
      await Promise.all([...running.values()].map((call) => call.update({ Status: 'completed' })));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
