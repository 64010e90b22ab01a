/**
 * The bridge's Prometheus series on `/metrics` of its media server (prom-client, a registry of its
 * own). Frames are counted in plain numbers read at scrape time, and the bridge's own latency is
 * timed on one frame in SAMPLE_EVERY: the media path allocates nothing per frame (issue 19).
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** One frame in 64 is timed: about one a second per direction on a call. */
const SAMPLE_EVERY = 64;

export type RealtimeErrorSource = 'socket' | 'server';

export class BridgeMetrics {
  readonly registry = new Registry();
  /** Media frames from Twilio, and audio messages sent to Twilio. */
  inboundFrames = 0;
  outboundFrames = 0;
  #ticks = 0;
  /** The media server's streams, counted at scrape time. */
  #streams: ReadonlySet<{ readonly live: boolean }> = new Set();
  readonly #addedSeconds: Histogram<'direction'>;
  readonly #replySeconds: Histogram;
  readonly #realtimeErrors: Counter<'source'>;
  readonly #reconnects: Counter<'outcome'>;
  readonly #streamsStarted: Counter<'resumed'>;

  constructor() {
    const streams = () => this.#streams;
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: 'bridge' });
    collectDefaultMetrics({ register: this.registry });
    const frames = { inbound: () => this.inboundFrames, outbound: () => this.outboundFrames };
    new Counter({
      name: 'bridge_media_frames_total',
      help: 'Media frames from Twilio (inbound) and audio messages to Twilio (outbound).',
      labelNames: ['direction'],
      registers,
      collect() {
        this.reset();
        for (const [direction, count] of Object.entries(frames)) this.inc({ direction }, count());
      },
    });
    new Gauge({
      name: 'bridge_media_streams_active',
      help: 'Media streams (calls) this bridge holds now.',
      registers,
      collect() {
        let live = 0;
        for (const stream of streams()) if (stream.live) live += 1;
        this.set(live);
      },
    });
    this.#streamsStarted = new Counter({
      name: 'bridge_media_streams_started_total',
      help: 'Media streams started; resumed="true" for a call another bridge held before.',
      labelNames: ['resumed'],
      registers,
    });
    this.#addedSeconds = new Histogram({
      name: 'bridge_added_latency_seconds',
      help: 'Time the bridge holds a sampled frame: Twilio frame to Realtime append (inbound), Realtime audio delta to Twilio send (outbound).',
      labelNames: ['direction'],
      buckets: [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05],
      registers,
    });
    this.#replySeconds = new Histogram({
      name: 'bridge_reply_latency_seconds',
      help: "From the caller's end of speech to the first audio of the agent's reply sent to Twilio.",
      buckets: [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 3, 5, 10],
      registers,
    });
    this.#realtimeErrors = new Counter({
      name: 'bridge_realtime_errors_total',
      help: 'Realtime errors: of the WebSocket (socket) or reported by the model (server).',
      labelNames: ['source'],
      registers,
    });
    this.#reconnects = new Counter({
      name: 'bridge_realtime_reconnects_total',
      help: 'Realtime sessions replaced by a fresh one mid-call (rollover), by outcome.',
      labelNames: ['outcome'],
      registers,
    });
    for (const direction of ['inbound', 'outbound']) this.#addedSeconds.zero({ direction });
    for (const source of ['socket', 'server']) this.#realtimeErrors.inc({ source }, 0);
    for (const outcome of ['ok', 'failed']) this.#reconnects.inc({ outcome }, 0);
    for (const resumed of ['true', 'false']) this.#streamsStarted.inc({ resumed }, 0);
  }

  /** The media server's set of streams, for `bridge_media_streams_active`. */
  watchStreams(streams: ReadonlySet<{ readonly live: boolean }>): void {
    this.#streams = streams;
  }

  /** Whether to time this frame: if so, pass `performance.now()` from before it to `handled`. */
  sampled(): boolean {
    this.#ticks += 1;
    return this.#ticks % SAMPLE_EVERY === 0;
  }

  handled(direction: 'inbound' | 'outbound', startedAt: number): void {
    this.#addedSeconds.observe({ direction }, (performance.now() - startedAt) / 1000);
  }

  replied(latencyMs: number): void {
    this.#replySeconds.observe(latencyMs / 1000);
  }

  realtimeError(source: RealtimeErrorSource): void {
    this.#realtimeErrors.inc({ source });
  }

  rolledOver(ok: boolean): void {
    this.#reconnects.inc({ outcome: ok ? 'ok' : 'failed' });
  }

  streamStarted(resumed: boolean): void {
    this.#streamsStarted.inc({ resumed: String(resumed) });
  }
}
