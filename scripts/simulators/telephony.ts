/**
 * A telephony simulator that behaves like Twilio toward the platform: the REST endpoints we use
 * (create, fetch and update calls), signed status callbacks, TwiML fetched from our webhooks with
 * a signature, and Media Streams opened to the bridge (connected/start/media/mark/stop, 20 ms μ-law
 * frames in real time, marks echoed when played, clear honoured), and conferences for warm transfers
 * (`<Dial><Conference>`, the Conferences and Participants resources, signed conference events).
 * The person at the other end is a scripted persona chosen by the number called (./personas.ts).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLParser } from 'fast-xml-parser';
import twilio from 'twilio';
import WebSocket from 'ws';
import { type Persona, personaFor } from './personas.ts';
import { FRAME_BYTES, FRAME_MS, frames, hear, isSilent, SILENCE_BYTE, speak, speakingMs } from './speech.ts';

const E164 = /^\+[1-9]\d{1,14}$/;
const sid = (prefix: string) => `${prefix}${randomBytes(16).toString('hex')}`;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Twilio's date format in resources and callbacks: `Thu, 01 Jun 2017 20:48:32 +0000`. */
const rfc2822 = (ms: number) => new Date(ms).toUTCString().replace('GMT', '+0000');

/** Posts a form the way Twilio does, signed with the account's auth token. */
/**
 * Twilio's connection overrides in a callback URL's fragment: `#rc=3&rp=all` retries a failed request
 * up to 3 times, on a refused connection (`ct`), a timeout (`rt`), `4xx` or `5xx` answers, or `all`
 * of those. The fragment is not part of the URL Twilio requests and signs.
 */
function connectionOverrides(url: string): { url: string; retries: number; policy: Set<string> } {
  const [base = url, fragment = ''] = url.split('#');
  const overrides = new URLSearchParams(fragment);
  const retries = Math.min(5, Math.max(0, Number(overrides.get('rc') ?? 0) || 0));
  const policy = new Set((overrides.get('rp') ?? 'ct,rt').split(',').map((p) => p.trim()));
  return { url: base, retries, policy };
}

/** The first retry of a callback waits this long (SIMULATOR_CALLBACK_RETRY_MS), and each next one twice as long. */
const callbackRetryMs = () => Number(process.env.SIMULATOR_CALLBACK_RETRY_MS ?? 1_000);

async function postSigned(
  authToken: string,
  url: string,
  params: Record<string, string>,
): Promise<Response | undefined> {
  const target = connectionOverrides(url);
  const signature = twilio.getExpectedTwilioSignature(authToken, target.url, params);
  const retriable = (failure: 'ct' | 'rt' | '4xx' | '5xx') => target.policy.has('all') || target.policy.has(failure);
  for (let attempt = 0; ; attempt++) {
    let failure: 'ct' | 'rt' | '4xx' | '5xx' | undefined;
    let response: Response | undefined;
    try {
      response = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status >= 500) failure = '5xx';
      else if (response.status >= 400) failure = '4xx';
    } catch (error) {
      failure = (error as Error).name === 'TimeoutError' ? 'rt' : 'ct';
    }
    if (!failure || attempt >= target.retries || !retriable(failure)) return response;
    await delay(callbackRetryMs() * 2 ** attempt);
  }
}

/** One thing that happened on a call, and when (epoch ms). */
export interface CallEvent {
  at: number;
  event:
    | 'answered'
    | 'say'
    | 'stream-started'
    | 'stream-stopped'
    | 'conference-joined'
    | 'conference-left'
    | 'conference-said'
    | 'conference-heard'
    | 'ended';
  /**
   * The sentence (say, conference-said, conference-heard), the conference's name (conference-joined),
   * Twilio's ReasonParticipantLeft (conference-left), why a stream stopped (`redirected`, `hung-up`,
   * `caller-hung-up`, `closed`) or the call's final status (ended).
   */
  detail?: string;
}

export interface SimulatedCall {
  sid: string;
  /** The account that placed the call (outbound) or owns the number called (inbound). */
  accountSid: string;
  to: string;
  from: string;
  persona: string;
  /** When the call was placed (epoch ms); its `ended` event in the timeline says when it ended. */
  createdAt: number;
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
  /** Conferences the call was in (`<Dial><Conference>`), with Twilio's ReasonParticipantLeft. */
  conferences: { sid: string; friendlyName: string; joinedAt: number; leftAt?: number; reasonLeft?: string }[];
  /** Everything that happened on the call, in order. */
  timeline: CallEvent[];
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

export interface ConferenceParticipantView {
  callSid: string;
  persona: string;
  joinedAt: number;
  leftAt?: number;
  /** Twilio's ReasonParticipantLeft: participant_hung_up, participant_updated_via_api, moderator_ended_conference, … */
  reasonLeft?: string;
  startConferenceOnEnter: boolean;
  endConferenceOnExit: boolean;
  muted: boolean;
  hold: boolean;
  beep: string;
  waitUrl?: string;
}

/** A conference as a test sees it. */
export interface SimulatedConference {
  sid: string;
  friendlyName: string;
  /** `init` until two participants are in and one of them starts it, as on Twilio. */
  status: 'init' | 'in-progress' | 'completed';
  createdAt: number;
  startedAt?: number;
  endedAt?: number;
  /** Twilio's ReasonConferenceEnded, e.g. last-participant-left. */
  reasonEnded?: string;
  callSidEndingConference?: string;
  /** Everyone who was ever in it, in the order they joined. */
  participants: ConferenceParticipantView[];
  /** Every conference event (as StatusCallbackEvent names), whether or not a callback asked for it. */
  events: { at: number; event: string; callSid?: string }[];
  /** What was said in the room, when it started, and who heard it whole. */
  speech: { at: number; callSid: string; persona: string; text: string; heardBy: string[] }[];
  /** The status callback, set by the first participant as on Twilio, and the events sent to it in order. */
  statusCallback?: string;
  callbacks: string[];
  /** Resolves once the conference has ended and its callbacks have been delivered. */
  done: Promise<void>;
}

/**
 * A Twilio account the simulator answers for. Each request must carry its SID and auth token (HTTP
 * basic auth), and its webhooks are signed with its auth token. With `phoneNumbers` it owns only those
 * (calls from another number are refused, as Twilio refuses an unverified caller id); without, any.
 */
export interface SimulatorAccount {
  accountSid: string;
  authToken: string;
  friendlyName?: string;
  phoneNumbers?: string[];
}

export interface TelephonySimulator {
  /** Where the Twilio SDK's REST calls go (see lib/twilio.ts). */
  apiBaseUrl: string;
  /** The first account. */
  accountSid: string;
  /** Answers for another account from now on. */
  addAccount(account: SimulatorAccount): void;
  /** Every REST request, with the account it named and whether it was let in (newest last). */
  requests: { method: string; path: string; accountSid: string | null; authorized: boolean }[];
  calls: Map<string, SimulatedCall>;
  /** Every conference, by sid. */
  conferences: Map<string, SimulatedConference>;
  /** The latest conference with this name (a name is reused once its conference has ended). */
  conferenceNamed(friendlyName: string): SimulatedConference | undefined;
  /**
   * Someone calls one of our numbers: Twilio fetches the number's Voice URL (signed) and follows
   * its TwiML; the number's status callback hears how the call ends. `from` picks the persona.
   */
  placeInboundCall(options: { from: string; to: string; voiceUrl: string; statusCallback?: string }): SimulatedCall;
  /**
   * Answers each new call's creation this much later (the call already exists and proceeds), as a
   * slow network would: a client that dies meanwhile never learns the call's SID.
   */
  delayCallCreationAnswers(ms: number): void;
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
  readonly #createdAt = Date.now();
  #answeredAt = 0;
  #ended = false;
  #resolveDone!: () => void;
  #stream: MediaStream | undefined;
  #redirect: string | undefined;
  #hangupRequested = false;
  readonly #conferences: Conferences;
  /** The conference the call is in, while it is in one. */
  #room: Conference | undefined;
  /** Where the persona is in its script; survives a stream being re-established. */
  readonly #progress: PersonaProgress = { nextLine: 0, repliesSinceLine: 0 };

  constructor(params: CallParams, accountSid: string, authToken: string, conferences: Conferences) {
    this.#params = params;
    this.#accountSid = accountSid;
    this.#authToken = authToken;
    this.#conferences = conferences;
    // The person is at the far end: who we called, or who called us.
    this.#persona = personaFor(params.Direction === 'inbound' ? params.From : params.To);
    this.view = {
      sid: sid('CA'),
      accountSid,
      to: params.To,
      from: params.From,
      persona: this.#persona.name,
      createdAt: this.#createdAt,
      status: 'queued',
      direction: params.Direction ?? 'outbound-api',
      callbacks: [],
      said: [],
      heard: [],
      twimlSaid: [],
      streams: 0,
      stream: { parameters: {}, mediaIn: 0, marks: [], clears: 0, bargedIn: false },
      dialed: [],
      conferences: [],
      timeline: [],
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
      date_created: rfc2822(this.#createdAt),
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
    this.#log('answered');
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
    this.#log('answered');
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

  #log(event: CallEvent['event'], detail?: string): void {
    this.view.timeline.push({ at: Date.now(), event, ...(detail !== undefined && { detail }) });
  }

  /** REST update: hang up, or replace what the call is doing with new TwiML. */
  async update(params: Record<string, string>): Promise<void> {
    if (params.Status === 'completed' || params.Status === 'canceled') {
      this.#hangupRequested = true;
      this.#stream?.end();
      this.#room?.leave(this.view.sid, 'hung-up');
      return;
    }
    const twiml = params.Twiml ?? (params.Url ? await this.#fetchTwiml(params.Url) : undefined);
    if (twiml) {
      this.#redirect = twiml;
      this.#stream?.end();
      this.#room?.leave(this.view.sid, 'redirected');
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
        this.#log('say', verb.text);
        await delay(Math.min(3_000, verb.text.length * 20));
      } else if (verb.name === 'Pause') await delay(Number(verb.attrs.length ?? 1) * 1000);
      else if (verb.name === 'Redirect') {
        this.#redirect = await this.#fetchTwiml(verb.text.trim());
        return;
      } else if (verb.name === 'Hangup') {
        this.#hangupRequested = true;
        return;
      } else if (verb.name === 'Dial' && verb.children.some((c) => c.name === 'Conference')) {
        await this.#joinConference(verb.children.find((c) => c.name === 'Conference')!);
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
        this.#log('stream-started', stream.attrs.url);
        this.#stream = new MediaStream(
          stream.attrs.url,
          parameters,
          this.view,
          this.#persona,
          this.#progress,
          this.#accountSid,
          this.#authToken,
        );
        await this.#stream.finished;
        const { callerHungUp } = this.#stream;
        this.#stream = undefined;
        this.#log(
          'stream-stopped',
          callerHungUp
            ? 'caller-hung-up'
            : this.#redirect
              ? 'redirected'
              : this.#hangupRequested
                ? 'hung-up'
                : 'closed',
        );
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

  /**
   * `<Dial><Conference>`: the call stays in the room until it hangs up, is redirected or kicked, or
   * the conference ends; then, as on Twilio, the TwiML after `<Dial>` runs.
   */
  async #joinConference(noun: Verb): Promise<void> {
    const room = this.#conferences.named(noun.text.trim());
    this.#room = room;
    const member: ConferenceMember = {
      view: this.view,
      persona: this.#persona,
      hangUp: () => {
        this.#hangupRequested = true;
        room.leave(this.view.sid, 'hung-up');
      },
    };
    await room.enter(member, noun.attrs);
    this.#room = undefined;
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
    this.#log('ended', status);
    await this.#setStatus(status, 'completed');
    this.#resolveDone();
  }

  #post(url: string, params: Record<string, string>): Promise<Response | undefined> {
    return postSigned(this.#authToken, url, params);
  }
}

/** A call in a conference, as the conference sees it. */
interface ConferenceMember {
  readonly view: SimulatedCall;
  readonly persona: Persona;
  /** The persona puts the phone down. */
  hangUp(): void;
}

interface Utterance {
  seat: Seat;
  text: string;
  startedAt: number;
  until: number;
  /** Who is listening; someone who leaves before the end is taken off. */
  audience: Set<string>;
}

interface Seat {
  member: ConferenceMember;
  record: ConferenceParticipantView;
  /** Lines waiting to be said, and not before when. */
  says: string[];
  speakNotBefore: number;
  replied: boolean;
  /** Whether anyone else has been in the started conference with it; and since when it is alone. */
  hadCompany: boolean;
  aloneSince: number;
  kicked: boolean;
  left: () => void;
}

/** How long a human agent stays on once the caller has gone. */
const AGENT_LEAVES_ALONE_AFTER_MS = 500;
/** A caller waiting alone in a conference that has not started gives up after this long. */
const HOLD_PATIENCE_MS = 60_000;
/** A persona's reaction time before it speaks up in a conference. */
const CONFERENCE_TURN_MS = { greeting: 300, reply: 600 };
const CONFERENCE_TICK_MS = 50;

/**
 * One conference room. Speech is kept as text: a participant "says" a line for as long as it takes
 * to say it, and everyone in the room (not on hold) for the whole line heard it.
 */
class Conference {
  readonly view: SimulatedConference;
  readonly #accountSid: string;
  readonly #authToken: string;
  readonly #seats = new Map<string, Seat>();
  #wantedEvents = new Set<string>();
  #sequence = 0;
  /** Callbacks go out one after another, in the order the events happened. */
  #delivery: Promise<unknown> = Promise.resolve();
  #updatedAt: number;
  #utterance: Utterance | undefined;
  #quietSince = Date.now();
  #ending = false;
  readonly #timer: NodeJS.Timeout;
  #resolveDone!: () => void;

  constructor(friendlyName: string, accountSid: string, authToken: string) {
    this.#accountSid = accountSid;
    this.#authToken = authToken;
    this.#updatedAt = Date.now();
    this.view = {
      sid: sid('CF'),
      friendlyName,
      status: 'init',
      createdAt: this.#updatedAt,
      participants: [],
      events: [],
      speech: [],
      callbacks: [],
      done: new Promise((resolve) => {
        this.#resolveDone = resolve;
      }),
    };
    this.#timer = setInterval(() => this.#tick(), CONFERENCE_TICK_MS);
  }

  get #path() {
    return `/2010-04-01/Accounts/${this.#accountSid}/Conferences/${this.view.sid}`;
  }

  json() {
    return {
      account_sid: this.#accountSid,
      api_version: '2010-04-01',
      call_sid_ending_conference: this.view.callSidEndingConference ?? null,
      date_created: rfc2822(this.view.createdAt),
      date_updated: rfc2822(this.#updatedAt),
      friendly_name: this.view.friendlyName,
      reason_conference_ended: this.view.reasonEnded ?? null,
      region: 'us1',
      sid: this.view.sid,
      status: this.view.status,
      subresource_uris: {
        participants: `${this.#path}/Participants.json`,
        recordings: `${this.#path}/Recordings.json`,
      },
      uri: `${this.#path}.json`,
    };
  }

  /** Current participants only: Twilio keeps no history here. */
  participants() {
    return [...this.#seats.values()].map((seat) => this.participantJson(seat.member.view.sid)!);
  }

  participantJson(callSid: string) {
    const record = this.#seats.get(callSid)?.record;
    if (!record) return undefined;
    return {
      account_sid: this.#accountSid,
      call_sid: callSid,
      call_sid_to_coach: null,
      coaching: false,
      conference_sid: this.view.sid,
      date_created: rfc2822(record.joinedAt),
      date_updated: rfc2822(this.#updatedAt),
      end_conference_on_exit: record.endConferenceOnExit,
      hold: record.hold,
      label: null,
      muted: record.muted,
      queue_time: '0',
      start_conference_on_enter: record.startConferenceOnEnter,
      status: 'connected',
      uri: `${this.#path}/Participants/${callSid}.json`,
    };
  }

  /** A call enters through `<Dial><Conference>`; resolves when it has left. */
  enter(member: ConferenceMember, attrs: Record<string, string>): Promise<void> {
    const now = Date.now();
    if (this.view.participants.length === 0) {
      this.view.statusCallback = attrs.statusCallback || undefined;
      this.#wantedEvents = new Set((attrs.statusCallbackEvent ?? '').split(/[\s,]+/).filter(Boolean));
    }
    const record: ConferenceParticipantView = {
      callSid: member.view.sid,
      persona: member.persona.name,
      joinedAt: now,
      startConferenceOnEnter: attrs.startConferenceOnEnter !== 'false',
      endConferenceOnExit: attrs.endConferenceOnExit === 'true',
      muted: attrs.muted === 'true',
      hold: false,
      beep: attrs.beep ?? 'true',
      ...(attrs.waitUrl !== undefined && { waitUrl: attrs.waitUrl }),
    };
    this.view.participants.push(record);
    member.view.conferences.push({ sid: this.view.sid, friendlyName: this.view.friendlyName, joinedAt: now });
    member.view.timeline.push({ at: now, event: 'conference-joined', detail: this.view.friendlyName });
    return new Promise((resolve) => {
      const seat: Seat = {
        member,
        record,
        says: [],
        speakNotBefore: 0,
        replied: false,
        hadCompany: false,
        aloneSince: now,
        kicked: false,
        left: resolve,
      };
      this.#seats.set(member.view.sid, seat);
      this.#emit('join', 'participant-join', seat);
      const seats = [...this.#seats.values()];
      if (this.view.status === 'init' && seats.length >= 2 && seats.some((s) => s.record.startConferenceOnEnter)) {
        this.view.status = 'in-progress';
        this.view.startedAt = now;
        this.#emit('start', 'conference-start');
      }
      if (this.view.status !== 'in-progress') return;
      for (const other of seats) {
        if (seats.length >= 2) other.hadCompany = true;
        const greeting = other.member.persona.conference?.greeting;
        if (other !== seat && greeting) this.#queue(other, greeting, now + CONFERENCE_TURN_MS.greeting);
      }
    });
  }

  /** A participant leaves: its call hung up, was given new TwiML, or was removed through the REST API. */
  leave(callSid: string, cause: 'hung-up' | 'redirected' | 'kicked'): void {
    const seat = this.#seats.get(callSid);
    if (!seat) return;
    seat.kicked = cause === 'kicked';
    this.#remove(seat, cause === 'hung-up' ? 'participant_hung_up' : 'participant_updated_via_api');
    if (this.#ending) return;
    const how = seat.kicked ? 'kicked' : 'left';
    if (seat.record.endConferenceOnExit) this.#end(`participant-with-end-conference-on-exit-${how}`, callSid);
    else if (this.#seats.size === 0) this.#end(`last-participant-${how}`, callSid);
    else if (this.#seats.size === 1) for (const alone of this.#seats.values()) alone.aloneSince = Date.now();
  }

  /** REST: `Status=completed` ends the conference for everyone. */
  endViaApi(): void {
    this.#end('conference-ended-via-api');
  }

  /** REST: mute or hold a participant, or change whether its leaving ends the conference. */
  updateParticipant(callSid: string, form: Record<string, string>): boolean {
    const seat = this.#seats.get(callSid);
    if (!seat) return false;
    const { record } = seat;
    if (form.Muted !== undefined && (form.Muted === 'true') !== record.muted) {
      record.muted = form.Muted === 'true';
      this.#emit('mute', record.muted ? 'participant-mute' : 'participant-unmute', seat);
    }
    if (form.Hold !== undefined && (form.Hold === 'true') !== record.hold) {
      record.hold = form.Hold === 'true';
      this.#emit('hold', record.hold ? 'participant-hold' : 'participant-unhold', seat);
    }
    // Muted or held mid-sentence, the rest of the line is not heard whole by anyone; held, it hears nothing.
    if ((record.muted || record.hold) && this.#utterance?.seat === seat) this.#utterance.audience.clear();
    if (record.hold) this.#utterance?.audience.delete(callSid);
    if (form.EndConferenceOnExit !== undefined) {
      record.endConferenceOnExit = form.EndConferenceOnExit === 'true';
      this.#emit('modify', 'participant-modify', seat);
    }
    return true;
  }

  #queue(seat: Seat, line: string, notBefore: number): void {
    seat.says.push(line);
    seat.speakNotBefore = Math.max(seat.speakNotBefore, notBefore);
  }

  #remove(seat: Seat, reason: string): void {
    const now = Date.now();
    const callSid = seat.member.view.sid;
    this.#seats.delete(callSid);
    seat.record.leftAt = now;
    seat.record.reasonLeft = reason;
    const entry = seat.member.view.conferences.findLast((c) => c.sid === this.view.sid);
    if (entry) Object.assign(entry, { leftAt: now, reasonLeft: reason });
    seat.member.view.timeline.push({ at: now, event: 'conference-left', detail: reason });
    // Someone who leaves mid-sentence is cut off; a listener who leaves misses the end of it.
    if (this.#utterance?.seat === seat) this.#utterance = undefined;
    this.#utterance?.audience.delete(callSid);
    this.#emit('leave', 'participant-leave', seat, {
      ParticipantCallStatus: reason === 'participant_hung_up' ? 'completed' : 'in-progress',
      ReasonParticipantLeft: reason,
    });
    seat.left();
  }

  #end(reason: string, callSid?: string): void {
    if (this.#ending) return;
    this.#ending = true;
    const removal = reason === 'conference-ended-via-api' ? 'conference_ended_via_api' : 'moderator_ended_conference';
    for (const seat of [...this.#seats.values()]) this.#remove(seat, removal);
    clearInterval(this.#timer);
    Object.assign(this.view, {
      status: 'completed',
      endedAt: Date.now(),
      reasonEnded: reason,
      ...(callSid && { callSidEndingConference: callSid }),
    });
    this.#emit('end', 'conference-end', undefined, {
      ReasonConferenceEnded: reason,
      ...(callSid && { CallSidEndingConference: callSid }),
    });
    void this.#delivery.then(() => this.#resolveDone());
  }

  /** Records an event and, when the first participant asked for its kind, posts it signed. */
  #emit(kind: string, event: string, seat?: Seat, extra: Record<string, string> = {}): void {
    const at = Date.now();
    this.#updatedAt = at;
    this.view.events.push({ at, event, ...(seat && { callSid: seat.member.view.sid }) });
    const url = this.view.statusCallback;
    if (!url || !this.#wantedEvents.has(kind)) return;
    this.#sequence += 1;
    this.view.callbacks.push(event);
    const params: Record<string, string> = {
      AccountSid: this.#accountSid,
      ConferenceSid: this.view.sid,
      FriendlyName: this.view.friendlyName,
      SequenceNumber: String(this.#sequence),
      Timestamp: rfc2822(at),
      StatusCallbackEvent: event,
      ...(seat && {
        CallSid: seat.member.view.sid,
        Muted: String(seat.record.muted),
        Hold: String(seat.record.hold),
        Coaching: 'false',
        EndConferenceOnExit: String(seat.record.endConferenceOnExit),
        StartConferenceOnEnter: String(seat.record.startConferenceOnEnter),
      }),
      ...extra,
    };
    this.#delivery = this.#delivery.then(() => postSigned(this.#authToken, url, params));
  }

  /** Every 50 ms: finish or start a line, and let personas with nothing more to do hang up. */
  #tick(): void {
    const now = Date.now();
    if (this.#utterance && now >= this.#utterance.until) this.#heard(this.#utterance, now);
    if (this.#utterance) {
      this.#quietSince = now;
      return;
    }
    if (this.view.status === 'in-progress') {
      const next = [...this.#seats.values()].find((s) => s.says.length && s.speakNotBefore <= now && !s.record.hold);
      if (next) {
        this.#speak(next, now);
        return;
      }
    }
    for (const seat of [...this.#seats.values()]) {
      if (this.#seats.has(seat.member.view.sid) && this.#wantsToHangUp(seat, now)) seat.member.hangUp();
    }
  }

  #speak(seat: Seat, now: number): void {
    const text = seat.says.shift()!;
    const audience = seat.record.muted
      ? []
      : [...this.#seats.values()].filter((s) => s !== seat && !s.record.hold).map((s) => s.member.view.sid);
    this.#utterance = {
      seat,
      text,
      startedAt: now,
      until: now + speakingMs(text),
      audience: new Set(audience),
    };
    this.#quietSince = now;
    seat.member.view.timeline.push({ at: now, event: 'conference-said', detail: text });
  }

  #heard(utterance: Utterance, now: number): void {
    this.#utterance = undefined;
    this.#quietSince = now;
    const { seat, text } = utterance;
    const heardBy = [...utterance.audience];
    this.view.speech.push({
      at: utterance.startedAt,
      callSid: seat.member.view.sid,
      persona: seat.member.persona.name,
      text,
      heardBy,
    });
    for (const callSid of heardBy) {
      const listener = this.#seats.get(callSid);
      if (!listener) continue;
      listener.member.view.timeline.push({ at: now, event: 'conference-heard', detail: text });
      const reply = listener.member.persona.conference?.reply;
      if (reply && !listener.replied) {
        listener.replied = true;
        this.#queue(listener, reply, now + CONFERENCE_TURN_MS.reply);
      }
    }
  }

  #wantsToHangUp(seat: Seat, now: number): boolean {
    const { persona } = seat.member;
    if (seat.says.length) return false;
    if (persona.conference?.staysUntilAlone) {
      if (this.#seats.size > 1) return false;
      return seat.hadCompany
        ? now - seat.aloneSince >= AGENT_LEAVES_ALONE_AFTER_MS
        : now - seat.record.joinedAt >= persona.hangUpAfterMs;
    }
    if (this.view.status !== 'in-progress') return now - seat.record.joinedAt >= HOLD_PATIENCE_MS;
    return now - Math.max(seat.record.joinedAt, this.#quietSince) >= persona.hangUpAfterMs;
  }
}

/** The account's conferences; a name finds the running one or opens a new one. */
class Conferences {
  readonly views = new Map<string, SimulatedConference>();
  readonly #rooms = new Map<string, Conference>();
  readonly #accountSid: string;
  readonly #authToken: string;

  constructor(accountSid: string, authToken: string) {
    this.#accountSid = accountSid;
    this.#authToken = authToken;
  }

  named(friendlyName: string): Conference {
    const running = [...this.#rooms.values()].find(
      (room) => room.view.friendlyName === friendlyName && room.view.status !== 'completed',
    );
    if (running) return running;
    const room = new Conference(friendlyName, this.#accountSid, this.#authToken);
    this.#rooms.set(room.view.sid, room);
    this.views.set(room.view.sid, room.view);
    return room;
  }

  get(sid: string): Conference | undefined {
    return this.#rooms.get(sid);
  }

  /** Newest first, as Twilio lists them. */
  list(): Conference[] {
    return [...this.#rooms.values()].reverse();
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
    authToken: string,
  ) {
    this.#call = call;
    this.#persona = persona;
    this.#progress = progress;
    // Like Twilio, sign the WebSocket upgrade: the stream URL with no parameters.
    this.#socket = new WebSocket(url, {
      headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, {}) },
    });
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

/** An account as the simulator keeps it: its credentials, numbers and conferences. */
interface Account extends SimulatorAccount {
  conferences: Conferences;
}

/**
 * Starts the simulator. `accountSid` and `authToken` are the first account (what the platform's own
 * Twilio client uses); `accounts` and `addAccount` add others (organisations with their own account).
 */
export async function startTelephonySimulator(options: {
  accountSid: string;
  authToken: string;
  phoneNumbers?: string[];
  accounts?: SimulatorAccount[];
  port?: number;
  host?: string;
}): Promise<TelephonySimulator> {
  const host = options.host ?? '127.0.0.1';
  const calls = new Map<string, SimulatedCall>();
  const running = new Map<string, Call>();
  const accounts = new Map<string, Account>();
  const addAccount = (account: SimulatorAccount) =>
    accounts.set(account.accountSid, {
      ...account,
      conferences: new Conferences(account.accountSid, account.authToken),
    });
  addAccount({ accountSid: options.accountSid, authToken: options.authToken, phoneNumbers: options.phoneNumbers });
  for (const account of options.accounts ?? []) addAccount(account);
  const requests: TelephonySimulator['requests'] = [];
  const accountPath = /^\/2010-04-01\/Accounts\/(AC[0-9a-zA-Z]{32})(\.json|\/.*)$/;
  let creationAnswerDelayMs = 0;
  /** A list page in the 2010-04-01 API's shape: the records under their own key, paging beside them. */
  const page = (key: string, records: unknown[], uri: string) => ({
    [key]: records,
    end: Math.max(0, records.length - 1),
    first_page_uri: `${uri}?PageSize=50&Page=0`,
    next_page_uri: null,
    page: 0,
    page_size: 50,
    previous_page_uri: null,
    start: 0,
    uri: `${uri}?PageSize=50&Page=0`,
  });
  const owns = (account: Account, number: string) => !account.phoneNumbers || account.phoneNumbers.includes(number);

  const reply = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  const twilioError = (res: ServerResponse, status: number, code: number, message: string) =>
    reply(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status });

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://sim');
    const named = accountPath.exec(url.pathname);
    const account = named ? accounts.get(named[1]!) : undefined;
    const authorized =
      !!account &&
      req.headers.authorization ===
        `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString('base64')}`;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, accountSid: named?.[1] ?? null, authorized });
    if (!account || !authorized) return twilioError(res, 401, 20003, 'Authenticate');
    const base = `/2010-04-01/Accounts/${account.accountSid}`;
    const rest = named![2]!;
    let body = '';
    for await (const chunk of req) body += chunk;
    const form = formOf(body);
    const one = (key: string) =>
      Array.isArray(form[key]) ? (form[key] as string[])[0] : (form[key] as string | undefined);

    if (req.method === 'GET' && rest === '.json') {
      return reply(res, 200, {
        sid: account.accountSid,
        friendly_name: account.friendlyName ?? `Simulated account ${account.accountSid.slice(-4)}`,
        status: 'active',
        type: 'Full',
        date_created: rfc2822(Date.now()),
        uri: `${base}.json`,
      });
    }
    if (req.method === 'GET' && rest === '/IncomingPhoneNumbers.json') {
      const wanted = url.searchParams.get('PhoneNumber');
      const numbers = wanted ? [wanted].filter((n) => owns(account, n)) : (account.phoneNumbers ?? []);
      return reply(
        res,
        200,
        page(
          'incoming_phone_numbers',
          numbers.map((number) => ({
            sid: `PN${Buffer.from(number).toString('hex').padEnd(32, '0').slice(0, 32)}`,
            account_sid: account.accountSid,
            phone_number: number,
            friendly_name: number,
            uri: `${base}/IncomingPhoneNumbers/${number}.json`,
          })),
          `${base}/IncomingPhoneNumbers.json`,
        ),
      );
    }
    if (req.method === 'POST' && rest === '/Calls.json') {
      const to = one('To') ?? '';
      const from = one('From') ?? '';
      if (!E164.test(to)) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      if (!E164.test(from))
        return twilioError(res, 400, 21212, `The 'From' number ${from} is not a valid phone number.`);
      if (!owns(account, from))
        return twilioError(
          res,
          400,
          21210,
          `The source phone number provided, ${from}, is not yet verified for your account.`,
        );
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
        account.accountSid,
        account.authToken,
        account.conferences,
      );
      calls.set(call.view.sid, call.view);
      running.set(call.view.sid, call);
      // Twilio answers with the call as it was created, queued, however far it has got since.
      const created = call.json();
      void call.run();
      if (creationAnswerDelayMs) await delay(creationAnswerDelayMs);
      reply(res, 201, created);
      return;
    }
    const fields = Object.fromEntries(Object.entries(form).map(([k, v]) => [k, Array.isArray(v) ? v[0]! : v]));
    if (req.method === 'GET' && rest === '/Calls.json') {
      const to = url.searchParams.get('To');
      const from = url.searchParams.get('From');
      const found = [...running.values()]
        .map((call) => ({ call, json: call.json() }))
        .filter(
          ({ call, json }) =>
            json.account_sid === account.accountSid &&
            (!to || call.view.to === to) &&
            (!from || call.view.from === from),
        )
        .reverse();
      return reply(
        res,
        200,
        page(
          'calls',
          found.map(({ json }) => json),
          `${base}/Calls.json`,
        ),
      );
    }
    const conferences = account.conferences;
    if (req.method === 'GET' && rest === '/Conferences.json') {
      const name = url.searchParams.get('FriendlyName');
      const status = url.searchParams.get('Status');
      const found = conferences
        .list()
        .filter((room) => (!name || room.view.friendlyName === name) && (!status || room.view.status === status));
      return reply(
        res,
        200,
        page(
          'conferences',
          found.map((room) => room.json()),
          `${base}/Conferences.json`,
        ),
      );
    }
    const inConference = new RegExp(
      `^${base}/Conferences/(CF[0-9a-f]{32})(?:/Participants(?:/(CA[0-9a-f]{32}))?)?\\.json$`,
    ).exec(url.pathname);
    if (inConference) return conferenceRoute(conferences, req, res, inConference, fields, url.searchParams);
    const match = new RegExp(`^${base}/Calls/(CA[0-9a-f]{32})\\.json$`).exec(url.pathname);
    const call = match ? running.get(match[1]!) : undefined;
    // A call of another account does not exist for this one.
    if (!call || call.view.accountSid !== account.accountSid)
      return twilioError(res, 404, 20404, 'The requested resource was not found');
    if (req.method === 'GET') return reply(res, 200, call.json());
    if (req.method === 'POST') {
      await call.update(fields);
      return reply(res, 200, call.json());
    }
    return twilioError(res, 405, 20004, 'Method not allowed');
  };

  /** `/Conferences/{sid}.json`, `…/Participants.json` and `…/Participants/{callSid}.json`. */
  const conferenceRoute = (
    conferences: Conferences,
    req: IncomingMessage,
    res: ServerResponse,
    [path, conferenceSid, callSid]: RegExpExecArray,
    fields: Record<string, string>,
    query: URLSearchParams,
  ) => {
    const room = conferences.get(conferenceSid!);
    if (!room) return twilioError(res, 404, 20404, 'The requested resource was not found');
    const participants = path.endsWith('/Participants.json');
    if (!callSid && !participants) {
      if (req.method === 'GET') return reply(res, 200, room.json());
      if (req.method === 'POST') {
        if (fields.Status === 'completed') room.endViaApi();
        return reply(res, 200, room.json());
      }
    } else if (participants && req.method === 'GET') {
      const muted = query.get('Muted');
      const hold = query.get('Hold');
      const listed = room
        .participants()
        .filter((p) => (muted === null || String(p.muted) === muted) && (hold === null || String(p.hold) === hold));
      return reply(res, 200, page('participants', listed, path));
    } else if (callSid) {
      const participant = () => room.participantJson(callSid);
      if (!participant()) return twilioError(res, 404, 20404, 'The requested resource was not found');
      if (req.method === 'GET') return reply(res, 200, participant());
      if (req.method === 'POST') {
        room.updateParticipant(callSid, fields);
        return reply(res, 200, participant());
      }
      if (req.method === 'DELETE') {
        room.leave(callSid, 'kicked');
        return res.writeHead(204).end();
      }
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
    addAccount,
    requests,
    calls,
    get conferences() {
      return new Map([...accounts.values()].flatMap((account) => [...account.conferences.views]));
    },
    conferenceNamed: (friendlyName) =>
      [...accounts.values()]
        .flatMap((account) => [...account.conferences.views.values()])
        .filter((view) => view.friendlyName === friendlyName)
        .sort((a, b) => a.createdAt - b.createdAt)
        .at(-1),
    placeInboundCall: ({ from, to, voiceUrl, statusCallback }) => {
      if (!E164.test(from) || !E164.test(to)) throw new Error('from and to must be E.164 numbers');
      // The number's owner takes the call: the account that lists it, else the first.
      const owner =
        [...accounts.values()].find((account) => account.phoneNumbers?.includes(to)) ??
        (accounts.get(options.accountSid) as Account);
      const call = new Call(
        { To: to, From: from, Direction: 'inbound', Url: voiceUrl, StatusCallback: statusCallback },
        owner.accountSid,
        owner.authToken,
        owner.conferences,
      );
      calls.set(call.view.sid, call.view);
      running.set(call.view.sid, call);
      void call.run();
      return call.view;
    },
    delayCallCreationAnswers: (ms) => {
      creationAnswerDelayMs = ms;
    },
    stop: async () => {
      // Hang up whatever is still going, so nothing outlives the simulator.
      await Promise.all([...running.values()].map((call) => call.update({ Status: 'completed' })));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
