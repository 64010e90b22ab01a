/**
 * The bridge benchmark's load generator: Twilio's side of N media streams, in a process of its own.
 * Messages are prepared ahead; per frame it only rewrites the stamp's few base64 characters in
 * place. Calls are spread over the 20 ms frame period as independent calls would be. In `both`
 * mode each caller holds a conversation: says a sentence, waits for the reply and plays it in real
 * time (echoing each mark when its audio has played, dropping the rest on `clear`), and talks over
 * every third reply. Driven by the orchestrator over IPC.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import WebSocket from 'ws';
import { frames, speak } from '../../scripts/simulators/speech.ts';
import {
  CALLER_STAMP_GROUP,
  type CallersCommand,
  type CallersReport,
  type CallPlan,
  FRAME_BYTES,
  FRAME_MS,
  type Mode,
  monotonicMs,
  replyStampOf,
  stampCallerFrame,
  TURN_SILENCE_FRAMES,
} from './protocol.ts';

/** A sentence that asks for no tool: the model answers it in about four seconds of audio. */
const SENTENCE = 'My parcel is late.';
/** Frames are sent in this many groups across the 20 ms period. */
const SLOTS = 10;
/** Silence before the first sentence, and after the agent stops before the caller talks again. */
const LEAD_IN_FRAMES = 50;
const PAUSE_FRAMES = 10;
/** A barge-in turn starts this far into the agent's reply. */
const BARGE_IN_AFTER_FRAMES = 50;
const REPLY_TIMEOUT_FRAMES = 500;

interface Figures {
  from: number;
  to: number;
  framesSent: number;
  stampedSent: number;
  sendLate: number[];
  outbound: number[];
  replyOverhead: number[];
  bargeIn: number[];
  clears: number;
  marksEchoed: number;
}

const newFigures = (from = Number.POSITIVE_INFINITY, to = Number.NEGATIVE_INFINITY): Figures => ({
  from,
  to,
  framesSent: 0,
  stampedSent: 0,
  sendLate: [],
  outbound: [],
  replyOverhead: [],
  bargeIn: [],
  clears: 0,
  marksEchoed: 0,
});
let figures = newFigures();
const inWindow = (at: number) => at >= figures.from && at < figures.to;

/** A media message prepared once; sending it rewrites only the stamp. */
class PreparedFrame {
  readonly #message: Buffer;
  readonly #frame: Buffer;
  readonly #stampAt: number;
  readonly voiced: boolean;

  constructor(streamSid: string, frame: Buffer, voiced: boolean) {
    this.#frame = Buffer.from(frame);
    this.voiced = voiced;
    // Twilio's own field order; the counters are wide enough never to change length.
    this.#message = Buffer.from(
      JSON.stringify({
        event: 'media',
        sequenceNumber: '1000000',
        media: { track: 'inbound', chunk: '1000000', timestamp: '1000000', payload: frame.toString('base64') },
        streamSid,
      }),
    );
    this.#stampAt = this.#message.indexOf('"payload":"') + 11 + (CALLER_STAMP_GROUP / 3) * 4;
  }

  send(socket: WebSocket, now: number): void {
    if (this.voiced) {
      stampCallerFrame(this.#frame, now);
      this.#message.write(this.#frame.toString('base64', CALLER_STAMP_GROUP), this.#stampAt, 'latin1');
    }
    socket.send(this.#message, { binary: false });
  }
}

type Playback = { bytes: number } | { mark: string };

class Caller {
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly #streamSid = `MZ${crypto.randomUUID().replace(/-/g, '')}`;
  readonly #mode: Mode;
  readonly #voice: PreparedFrame[];
  readonly #silence: PreparedFrame;
  #speakingAt = Number.POSITIVE_INFINITY;
  #silentFrames = 0;
  #turns = 0;
  #turnPending = false;
  #turnEndedAt: number | undefined;
  #bargeInAt: number | undefined;
  #playback: Playback[] = [];
  #playedFrames = 0;
  #idleFrames = 0;
  #waitedFrames = 0;

  constructor(url: string, signature: string, plan: CallPlan, mode: Mode) {
    this.#mode = mode;
    const voiced = mode === 'both' ? frames(speak(SENTENCE)) : [Buffer.alloc(FRAME_BYTES, 0x7e)];
    this.#voice = voiced.map((frame) => new PreparedFrame(this.#streamSid, frame, true));
    this.#silence = new PreparedFrame(this.#streamSid, Buffer.alloc(FRAME_BYTES, 0xff), false);
    this.socket = new WebSocket(url, { headers: { 'x-twilio-signature': signature }, perMessageDeflate: false });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.once('open', () => {
        this.#sendJson({ event: 'connected', protocol: 'Call', version: '1.0.0' });
        this.#sendJson({
          event: 'start',
          sequenceNumber: '1',
          streamSid: this.#streamSid,
          start: {
            streamSid: this.#streamSid,
            accountSid: `AC${'0'.repeat(32)}`,
            callSid: `CA${crypto.randomUUID().replace(/-/g, '')}`,
            tracks: ['inbound'],
            customParameters: { callId: plan.callId, token: plan.token },
            mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
          },
        });
        resolve();
      });
    });
    this.socket.on('error', () => undefined);
    if (mode === 'both') this.socket.on('message', (data: Buffer) => this.#heard(data.toString()));
    if (mode === 'inbound') this.#speakingAt = 0;
    else this.#idleFrames = -LEAD_IN_FRAMES;
  }

  /** One 20 ms step: a frame of the caller's audio out, a frame of the agent's played. */
  tick(now: number): void {
    if (this.socket.readyState !== WebSocket.OPEN) return;
    const counted = inWindow(now);
    if (this.#mode === 'inbound') {
      this.#voice[0]!.send(this.socket, now);
      if (counted) {
        figures.framesSent += 1;
        figures.stampedSent += 1;
      }
      return;
    }
    const frame = this.#voice[this.#speakingAt];
    if (frame) {
      if (this.#speakingAt === 0 && this.#playback.length) this.#bargeInAt = now;
      frame.send(this.socket, now);
      this.#speakingAt += 1;
      if (counted) figures.stampedSent += 1;
      if (this.#speakingAt === this.#voice.length) {
        this.#turnPending = true;
        this.#silentFrames = 0;
      }
    } else {
      this.#silence.send(this.socket, now);
      this.#silentFrames += 1;
      if (this.#turnPending && this.#silentFrames === TURN_SILENCE_FRAMES) {
        this.#turnPending = false;
        this.#turnEndedAt = now;
        this.#waitedFrames = 0;
      }
    }
    if (counted) figures.framesSent += 1;
    this.#play(counted);
    this.#takeTurn();
  }

  #play(counted: boolean): void {
    let room = FRAME_BYTES;
    let played = false;
    while (this.#playback.length) {
      const head = this.#playback[0]!;
      if ('mark' in head) {
        this.#playback.shift();
        this.#echoMark(head.mark, counted);
        continue;
      }
      if (room === 0) break;
      const take = Math.min(room, head.bytes);
      head.bytes -= take;
      room -= take;
      played = true;
      if (head.bytes === 0) this.#playback.shift();
    }
    if (played) {
      this.#playedFrames += 1;
      this.#idleFrames = 0;
    } else {
      this.#idleFrames += 1;
    }
  }

  /** The caller talks when the agent has finished, over every third reply, or when no reply came. */
  #takeTurn(): void {
    if (this.#speakingAt < this.#voice.length || this.#turnPending) return;
    if (this.#turnEndedAt !== undefined) this.#waitedFrames += 1;
    const finished = this.#idleFrames >= PAUSE_FRAMES && this.#turnEndedAt === undefined;
    const bargeIn = this.#turns % 3 === 2 && this.#playedFrames >= BARGE_IN_AFTER_FRAMES && this.#playback.length > 0;
    const gaveUp = this.#waitedFrames >= REPLY_TIMEOUT_FRAMES;
    if (!finished && !bargeIn && !gaveUp) return;
    this.#turns += 1;
    this.#speakingAt = 0;
    this.#playedFrames = 0;
    this.#turnEndedAt = undefined;
  }

  #heard(text: string): void {
    const now = monotonicMs();
    const message = JSON.parse(text) as { event: string; media?: { payload: string }; mark?: { name: string } };
    if (message.event === 'media' && message.media) {
      const { payload } = message.media;
      const stamp = replyStampOf(payload);
      if (stamp && inWindow(stamp.sentAt)) figures.outbound.push(now - stamp.sentAt);
      if (this.#turnEndedAt !== undefined && stamp?.modelMs !== undefined) {
        if (inWindow(this.#turnEndedAt)) figures.replyOverhead.push(now - this.#turnEndedAt - stamp.modelMs);
        this.#turnEndedAt = undefined;
      }
      const padding = payload.endsWith('==') ? 2 : payload.endsWith('=') ? 1 : 0;
      this.#playback.push({ bytes: (payload.length / 4) * 3 - padding });
    } else if (message.event === 'mark' && message.mark) {
      this.#playback.push({ mark: message.mark.name });
    } else if (message.event === 'clear') {
      const counted = inWindow(now);
      if (counted) figures.clears += 1;
      if (this.#bargeInAt !== undefined && inWindow(this.#bargeInAt)) figures.bargeIn.push(now - this.#bargeInAt);
      this.#bargeInAt = undefined;
      // Like Twilio: the unplayed audio is dropped and every mark waiting behind it comes back.
      for (const item of this.#playback) if ('mark' in item) this.#echoMark(item.mark, counted);
      this.#playback = [];
    }
  }

  /** Twilio ends a stream with `stop`, then closes the socket. */
  stop(): void {
    this.#sendJson({ event: 'stop', sequenceNumber: '1000000', streamSid: this.#streamSid, stop: {} });
    this.socket.close(1000, 'call ended');
  }

  #echoMark(name: string, counted: boolean): void {
    if (counted) figures.marksEchoed += 1;
    this.#sendJson({ event: 'mark', sequenceNumber: '1000000', streamSid: this.#streamSid, mark: { name } });
  }

  #sendJson(message: unknown): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(message));
  }
}

let callers: Caller[] = [];
let schedule: NodeJS.Timeout | undefined;
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

/** Sends each slot's frames when due; a late slot is sent at once and its lateness recorded. */
function run(): void {
  const slots: Caller[][] = Array.from({ length: SLOTS }, () => []);
  for (const [i, caller] of callers.entries()) slots[i % SLOTS]!.push(caller);
  const start = monotonicMs();
  const due = slots.map((_, slot) => start + (slot * FRAME_MS) / SLOTS);
  const tick = () => {
    let now = monotonicMs();
    for (let slot = 0; slot < SLOTS; slot++) {
      while (due[slot]! <= now) {
        if (inWindow(now)) figures.sendLate.push(now - due[slot]!);
        for (const caller of slots[slot]!) caller.tick(now);
        due[slot]! += FRAME_MS;
        now = monotonicMs();
      }
    }
    schedule = setTimeout(tick, Math.max(0, Math.min(...due) - monotonicMs()));
  };
  tick();
}

const percentile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
};

process.on('message', async (command: CallersCommand) => {
  switch (command.type) {
    case 'open': {
      callers = [];
      for (let at = 0; at < command.calls.length; at += 20) {
        const batch = command.calls
          .slice(at, at + 20)
          .map((plan) => new Caller(command.url, command.signature, plan, command.mode));
        callers.push(...batch);
        await Promise.all(batch.map((caller) => caller.opened));
      }
      run();
      process.send?.({ type: 'opened', count: callers.length });
      return;
    }
    case 'window':
      figures = newFigures(command.from, command.to);
      loopDelay.reset();
      loopDelay.enable();
      return;
    case 'report': {
      loopDelay.disable();
      const report: CallersReport = {
        type: 'report',
        framesSent: figures.framesSent,
        stampedSent: figures.stampedSent,
        sendLateP50: percentile(figures.sendLate, 0.5),
        sendLateP99: percentile(figures.sendLate, 0.99),
        outbound: figures.outbound,
        replyOverhead: figures.replyOverhead,
        bargeIn: figures.bargeIn,
        clears: figures.clears,
        marksEchoed: figures.marksEchoed,
        socketsOpen: callers.filter((c) => c.socket.readyState === WebSocket.OPEN).length,
        loopDelayP99: loopDelay.percentile(99) / 1e6,
        loopDelayMax: loopDelay.max / 1e6,
      };
      process.send?.(report);
      return;
    }
    case 'close':
      clearTimeout(schedule);
      await Promise.all(
        callers.map(
          (caller) =>
            new Promise<void>((resolve) => {
              if (caller.socket.readyState === WebSocket.CLOSED) return resolve();
              caller.socket.once('close', () => resolve());
              caller.stop();
            }),
        ),
      );
      callers = [];
      process.send?.({ type: 'closed' });
      return;
  }
});
process.send?.({ type: 'ready' });
