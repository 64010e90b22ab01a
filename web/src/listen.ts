import { decodeMulaw } from './mulaw.ts';

export { decodeMulaw };

/** Twilio Media Streams audio: μ-law, 8 kHz, mono. */
export const LISTEN_SAMPLE_RATE = 8000;
/** How far ahead audio is scheduled when a track starts or has run dry, to ride out network jitter. */
const JITTER_SECONDS = 0.1;
/** Both tracks play at once; keep their sum from clipping. */
const MIX_GAIN = 0.7;

export type ListenState = 'connecting' | 'listening' | 'stopped' | 'failed';
export type ListenTrack = 'inbound' | 'outbound';

export interface ListenUpdate {
  state: ListenState;
  /** Why it stopped or failed. */
  reason?: string;
  /** Seconds of call audio received so far (of the longer track). */
  seconds: number;
}

interface ListenFrame {
  event?: string;
  track?: string;
  payload?: string;
}

/** The WebSocket address of a listen session: relative and http(s) addresses become ws(s). */
export function listenSocketUrl(url: string, base: string = location.href): string {
  const address = new URL(url, base);
  if (address.protocol === 'http:') address.protocol = 'ws:';
  else if (address.protocol === 'https:') address.protocol = 'wss:';
  return address.toString();
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Plays a live call to a supervisor: the caller (inbound) and the voice agent (outbound) mixed.
 * Each track is scheduled gaplessly on its own clock, a little ahead of time; both play into one
 * output. Create it in the click handler that asks for the session, so the browser lets it play.
 */
export class CallListener {
  readonly #audio: AudioContext | undefined;
  readonly #output: GainNode | undefined;
  readonly #onUpdate: (update: ListenUpdate) => void;
  readonly #playing = new Set<AudioBufferSourceNode>();
  readonly #nextStart: Record<ListenTrack, number> = { inbound: 0, outbound: 0 };
  readonly #samples: Record<ListenTrack, number> = { inbound: 0, outbound: 0 };
  #socket: WebSocket | undefined;
  #state: ListenState = 'connecting';
  #reason: string | undefined;

  constructor(onUpdate: (update: ListenUpdate) => void) {
    this.#onUpdate = onUpdate;
    try {
      this.#audio = new AudioContext();
      this.#output = this.#audio.createGain();
      this.#output.gain.value = MIX_GAIN;
      this.#output.connect(this.#audio.destination);
      void this.#audio.resume().catch(() => undefined);
    } catch {
      this.#finish('failed', 'This browser cannot play audio.');
      return;
    }
    this.#emit();
  }

  get state(): ListenState {
    return this.#state;
  }

  get seconds(): number {
    return Math.max(this.#samples.inbound, this.#samples.outbound) / LISTEN_SAMPLE_RATE;
  }

  /** Opens the session's stream (its token is in the address). */
  connect(url: string): void {
    if (this.#state !== 'connecting') return;
    let socket: WebSocket;
    try {
      socket = new WebSocket(listenSocketUrl(url));
    } catch {
      this.#finish('failed', 'The listen-in address is not valid.');
      return;
    }
    this.#socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      if (this.#state !== 'connecting') return;
      this.#state = 'listening';
      this.#emit();
    };
    socket.onmessage = (message) => {
      if (typeof message.data === 'string') this.#receive(message.data);
    };
    socket.onclose = (event) => {
      if (!opened) this.#finish('failed', 'Could not connect to the call’s audio.');
      else if (event.code === 1000) this.#finish('stopped', 'The audio stream closed.');
      else this.#finish('failed', 'The connection to the call’s audio was lost.');
    };
  }

  /** Stops at once: nothing more is played. */
  stop(reason = 'You stopped listening.'): void {
    this.#finish('stopped', reason);
  }

  #receive(text: string): void {
    let frame: ListenFrame;
    try {
      frame = JSON.parse(text);
    } catch {
      return;
    }
    if (frame.event === 'stop') {
      this.#finish('stopped', 'The call ended.', { drain: true });
      return;
    }
    if (frame.event !== 'media' || typeof frame.payload !== 'string') return;
    if (frame.track !== 'inbound' && frame.track !== 'outbound') return;
    if (this.#state !== 'listening' && this.#state !== 'connecting') return;
    let samples: Float32Array<ArrayBuffer>;
    try {
      samples = decodeMulaw(base64Bytes(frame.payload));
    } catch {
      return;
    }
    if (!samples.length) return;
    this.#samples[frame.track] += samples.length;
    this.#schedule(frame.track, samples);
    this.#emit();
  }

  #schedule(track: ListenTrack, samples: Float32Array<ArrayBuffer>): void {
    const audio = this.#audio;
    if (!audio || !this.#output) return;
    const buffer = audio.createBuffer(1, samples.length, LISTEN_SAMPLE_RATE);
    buffer.copyToChannel(samples, 0);
    const source = audio.createBufferSource();
    source.buffer = buffer;
    source.connect(this.#output);
    // Straight after the track's previous chunk; after a gap, a jitter buffer's worth from now.
    const start = Math.max(this.#nextStart[track], audio.currentTime + JITTER_SECONDS);
    source.start(start);
    this.#nextStart[track] = start + buffer.duration;
    this.#playing.add(source);
    source.onended = () => this.#playing.delete(source);
  }

  #finish(state: 'stopped' | 'failed', reason: string, options: { drain?: boolean } = {}): void {
    if (this.#state === 'stopped' || this.#state === 'failed') return;
    this.#state = state;
    this.#reason = reason;
    const socket = this.#socket;
    if (socket) {
      socket.onclose = socket.onmessage = socket.onopen = null;
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    }
    const audio = this.#audio;
    if (audio) {
      // After the call ends, what is already scheduled still plays out.
      const left = options.drain
        ? Math.max(0, Math.max(this.#nextStart.inbound, this.#nextStart.outbound) - audio.currentTime)
        : 0;
      const close = () => {
        for (const source of this.#playing) source.stop();
        this.#playing.clear();
        void audio.close().catch(() => undefined);
      };
      if (left > 0 && audio.state === 'running') setTimeout(close, left * 1000);
      else close();
    }
    this.#emit();
  }

  #emit(): void {
    this.#onUpdate({ state: this.#state, seconds: this.seconds, ...(this.#reason && { reason: this.#reason }) });
  }
}
