import { randomUUID } from 'node:crypto';
import { knowledgeLookupOf } from '../knowledge/lookup-settings.ts';
import type { KnowledgeCitation } from '../knowledge/store.ts';
import type { Logger } from '../lib/logger.ts';
import type { ConversationSnapshot, Intervention, TranscriptLineInput } from '../workflows/definitions/call.ts';
import type { CallLink } from './call-link.ts';
import type { KnowledgeLookup } from './knowledge.ts';
import type { Listeners } from './listeners.ts';
import type { BridgeMetrics } from './metrics.ts';
import { RealtimeConnection, type RealtimeDeps, type RealtimeEvent } from './realtime.ts';
import { SayQueue } from './says.ts';
import { runToolCalls, TOOL_DEFINITIONS, type ToolOutcome, type ToolResult } from './tools.ts';
import { heardText, type Interruption, Turns } from './turns.ts';
import type { TwilioStream } from './twilio-stream.ts';

/** A business that turned knowledge lookup off: the agent is not offered the tool. */
const WITHOUT_LOOKUP = TOOL_DEFINITIONS.filter((tool) => tool.name !== 'lookup_knowledge');

/** Twilio sends 20 ms of μ-law per media frame. */
export const FRAME_MS = 20;

/** A line before it is numbered and sent. */
type AgentLine = Omit<TranscriptLineInput, 'callId' | 'sequence'> & { metadata: Record<string, unknown> };

export interface ConversationDeps {
  openai: RealtimeDeps;
  knowledge: KnowledgeLookup;
  toolTimeoutMs: number;
  /** A Realtime session is replaced by a fresh one (seeded with the conversation) after this long. */
  rolloverMs: number;
  metrics: BridgeMetrics;
}

export interface ConversationParts {
  twilio: TwilioStream;
  link: CallLink;
  listeners: Listeners;
  logger: Logger;
  /** The call's clock in ms: transcript offsets are measured on it. */
  clock: () => number;
}

/**
 * The conversation on one stream: the caller's audio to the Realtime model and its audio back, with
 * the turn-taking between them. When the caller talks over the agent, Twilio's buffer is cleared
 * and the agent's item truncated at the last played mark, so the model knows what was heard. It says
 * what supervisors and escalations ask, runs the model's tools, measures each reply's latency and
 * hands every line to the call's workflow.
 */
export class Conversation {
  readonly #deps: ConversationDeps;
  readonly #twilio: TwilioStream;
  readonly #link: CallLink;
  readonly #listeners: Listeners;
  readonly #logger: Logger;
  readonly #clock: () => number;
  readonly #realtime: RealtimeConnection;
  /** Names this stream's lines for the workflow, which numbers them. */
  readonly #id = randomUUID();
  readonly #turns = new Turns();
  readonly #says = new SayQueue();
  /** Where the current Realtime session's audio clock starts, on the call's clock. */
  #realtimeBaseMs = 0;
  #sequence: number;
  #replySources: KnowledgeCitation[] | undefined;
  /**
   * The agent's line waits here until the caller has heard it (Twilio played its last mark), or has
   * cut in: then it is what they heard. The model finishes a reply's text long before it is played.
   */
  #unheard: { itemId: string; line: AgentLine } | undefined;
  /**
   * Where the caller cut into a reply whose text had not come yet (it comes with the response's
   * end): applied to that line when it does, so it is stored as heard and marked interrupted.
   */
  #cutBeforeText: Interruption | undefined;
  /** The tools the model ran for its next reply and how they went (for QA and escalation on complexity). */
  #replyTools: ToolOutcome[] = [];
  #afterReply: ToolResult['afterReply'];
  #paused = false;

  private constructor(deps: ConversationDeps, parts: ConversationParts, nextSequence: number) {
    this.#deps = deps;
    this.#twilio = parts.twilio;
    this.#link = parts.link;
    this.#listeners = parts.listeners;
    this.#logger = parts.logger;
    this.#clock = parts.clock;
    this.#sequence = nextSequence;
    const { profile } = parts.link;
    this.#realtime = new RealtimeConnection(
      deps.openai,
      { ...profile, tools: knowledgeLookupOf(parts.link.business).enabled ? TOOL_DEFINITIONS : WITHOUT_LOOKUP },
      (event) => this.#onRealtime(event),
      parts.logger,
      deps.metrics,
    );
  }

  /**
   * Opens the Realtime session for a stream and gives it the caller's audio heard so far; with a
   * snapshot of a call under way it continues that conversation (the agent does not greet again,
   * and answers at once if the caller spoke last).
   */
  static async begin(
    deps: ConversationDeps,
    parts: ConversationParts,
    snapshot: ConversationSnapshot | undefined,
    heardSoFar: string[],
  ): Promise<Conversation> {
    const conversation = new Conversation(deps, parts, snapshot?.nextSequence ?? 0);
    // The Realtime session's audio clock starts with the first frame it is given.
    conversation.#realtimeBaseMs = parts.clock() - heardSoFar.length * FRAME_MS;
    const realtime = conversation.#realtime;
    await realtime.start(snapshot, true);
    for (const audio of heardSoFar.splice(0)) realtime.appendAudio(audio);
    const resumed = (snapshot?.lines.length ?? 0) > 0;
    if (!resumed || snapshot?.lines.at(-1)?.speaker === 'customer') realtime.send({ type: 'response.create' });
    realtime.keepRollingOver({
      everyMs: deps.rolloverMs,
      quiet: () => conversation.#turns.quiet,
      conversation: async () => (await parts.link.snapshot()) ?? { nextSequence: conversation.#sequence, lines: [] },
      autoRespond: () => !conversation.#paused,
      rolledOver: () => {
        conversation.#realtimeBaseMs = parts.clock();
        conversation.#turns.forgetReply();
      },
    });
    return conversation;
  }

  get realtimeSessions(): number {
    return this.#realtime.sessions;
  }

  get latencies(): readonly number[] {
    return this.#turns.latencies;
  }

  /** The caller's audio, as Twilio sent it. */
  hear(payload: string): void {
    this.#realtime.appendAudio(payload);
  }

  /** Twilio played the chunk this mark followed. */
  played(markName: string): void {
    const [itemId = '', playedMs] = markName.split(':');
    this.#turns.played(itemId, Number(playedMs));
    if (this.#unheard?.itemId === itemId && this.#turns.playedOut(itemId)) this.#flushUnheard();
  }

  close(): void {
    this.#flushUnheard();
    this.#realtime.close();
  }

  #flushUnheard(cut?: Interruption): void {
    const pending = this.#unheard;
    if (!pending) return;
    this.#unheard = undefined;
    const { line } = pending;
    if (!cut) {
      this.#emit(line);
      return;
    }
    this.#emit({
      ...line,
      text: heardText(line.text, cut),
      metadata: { ...line.metadata, interrupted: true, heardMs: Math.round(cut.heardMs), fullText: line.text },
    });
  }

  /** A supervisor's intervention: say a sentence now, add an instruction, or pause and resume the AI. */
  intervene(intervention: Intervention): void {
    const realtime = this.#realtime;
    this.#logger.info({ action: intervention.action }, 'supervisor intervention');
    switch (intervention.action) {
      case 'say':
        this.#says.push(intervention.text ?? '');
        this.#drainSays();
        return;
      case 'instruct':
        realtime.send({
          type: 'conversation.item.create',
          item: { type: 'message', role: 'system', content: [{ type: 'input_text', text: intervention.text ?? '' }] },
        });
        return;
      case 'pause_ai':
        // Stop what is playing, and stop answering until resumed; the caller is still heard and transcribed.
        this.#paused = true;
        realtime.send({ type: 'response.cancel' });
        this.#twilio.clear();
        realtime.setAutoResponse(false);
        return;
      case 'resume_ai':
        this.#paused = false;
        realtime.setAutoResponse(true);
        return;
    }
  }

  /** Says the next queued sentence once nothing else is being said. */
  #drainSays(): void {
    const realtime = this.#realtime;
    const text = this.#says.next(this.#turns.callerSpeaking);
    if (text !== undefined)
      realtime.send({ type: 'response.create', response: { instructions: `Say exactly: "${text}"` } });
  }

  #onRealtime(event: RealtimeEvent): void {
    switch (event.type) {
      case 'response.output_audio.delta':
        this.#play(event.item_id, event.delta);
        return;
      case 'input_audio_buffer.speech_started':
        this.#bargeIn(this.#realtimeBaseMs + event.audio_start_ms);
        return;
      case 'input_audio_buffer.speech_stopped':
        // Latency counts from when the caller actually stopped, before VAD's closing silence.
        this.#turns.callerStopped(this.#realtimeBaseMs + event.audio_end_ms, this.#clock());
        return;
      case 'conversation.item.input_audio_transcription.completed':
        if (event.transcript) this.#emit({ speaker: 'customer', text: event.transcript, ...this.#turns.callerTurn });
        return;
      case 'response.output_audio_transcript.done':
        this.#emitAgentLine(event.item_id, event.transcript);
        return;
      case 'response.created':
        this.#says.responseCreated(event.response?.id);
        return;
      case 'response.done':
        this.#says.responseDone(event.response?.id, event.response?.status);
        void this.#onResponseDone(event.response);
        this.#drainSays();
        return;
      case 'error':
        this.#logger.warn({ error: event.error }, 'realtime reported an error');
        return;
      default:
        return;
    }
  }

  #emitAgentLine(itemId: string, transcript: string): void {
    const { startMs, endMs, latencyMs } = this.#turns.finishAgentLine(itemId, this.#clock());
    const metadata: Record<string, unknown> = {};
    if (latencyMs !== undefined) metadata.latencyMs = latencyMs;
    if (this.#replySources) {
      metadata.knowledgeChunkIds = this.#replySources.map((source) => source.chunkId);
      metadata.knowledgeCitations = this.#replySources;
    }
    if (this.#replyTools.length) metadata.tools = this.#replyTools;
    this.#replySources = undefined;
    this.#replyTools = [];
    this.#flushUnheard();
    const line: AgentLine = { speaker: 'ai', text: transcript, startMs, endMs, metadata };
    const cut = this.#cutBeforeText?.itemId === itemId ? this.#cutBeforeText : undefined;
    this.#cutBeforeText = undefined;
    if (cut) {
      // The caller cut in before the reply's text came: the line is what they heard of it.
      this.#unheard = { itemId, line };
      this.#flushUnheard(cut);
    } else if (this.#turns.playedOut(itemId)) this.#emit(line);
    else this.#unheard = { itemId, line };
  }

  /** Passes the model's audio to Twilio untouched, with a mark after each chunk. */
  #play(itemId: string, delta: string): void {
    if (this.#paused) return;
    const { metrics } = this.#deps;
    const startedAt = metrics.sampled() ? performance.now() : undefined;
    if (this.#unheard && this.#unheard.itemId !== itemId) this.#flushUnheard();
    // μ-law at 8 kHz: 8 bytes a millisecond.
    const { reply, latencyMs } = this.#turns.agentAudio(itemId, Buffer.byteLength(delta, 'base64') / 8, this.#clock());
    if (latencyMs !== undefined) {
      metrics.replied(latencyMs);
      this.#link.publishLatency(this.#turns.latencies);
    }
    this.#twilio.sendAudio(delta, `${itemId}:${Math.round(reply.sentMs)}`);
    metrics.outboundFrames += 1;
    if (startedAt !== undefined) metrics.handled('outbound', startedAt);
    this.#listeners.send('outbound', delta);
  }

  /** The caller starts talking; over the agent, playback stops and the agent's item is cut where they stopped hearing it. */
  #bargeIn(startMs: number): void {
    const cut = this.#turns.callerStarted(startMs);
    if (!cut) return;
    // The caller cut in: the agent's line is what they heard of it, now if its text is in, else when it comes.
    if (this.#unheard?.itemId === cut.itemId) this.#flushUnheard(cut);
    else this.#cutBeforeText = cut;
    this.#twilio.clear();
    this.#realtime.send({
      type: 'conversation.item.truncate',
      item_id: cut.itemId,
      content_index: 0,
      audio_end_ms: Math.round(cut.heardMs),
    });
    this.#logger.info(cut, 'caller barged in');
  }

  async #onResponseDone(response: RealtimeEvent): Promise<void> {
    const realtime = this.#realtime;
    const link = this.#link;
    const calls = ((response?.output ?? []) as RealtimeEvent[])
      .filter((item) => item.type === 'function_call')
      .map((item) => ({ name: String(item.name), arguments: String(item.arguments ?? ''), callId: item.call_id }));
    if (calls.length) {
      const round = await runToolCalls(
        calls,
        {
          businessId: link.business.id,
          knowledge: this.#deps.knowledge,
          lookup: knowledgeLookupOf(link.business),
          escalation: () => link.escalationState(),
        },
        this.#deps.toolTimeoutMs,
      );
      this.#logger.info({ tools: round.outcomes }, 'tools called');
      if (round.sources) this.#replySources = round.sources;
      if (round.afterReply) this.#afterReply = round.afterReply;
      this.#replyTools.push(...round.outcomes);
      for (const { callId, output } of round.outputs) {
        realtime.send({
          type: 'conversation.item.create',
          item: { type: 'function_call_output', call_id: callId, output },
        });
      }
      realtime.send({ type: 'response.create' });
      return;
    }
    const then = this.#afterReply;
    if (!then) return;
    this.#afterReply = undefined;
    // Let the reply play out, then have the call's workflow hang up or hand the caller over.
    setTimeout(() => void link.requestAfterReply(then), this.#turns.unplayedMs + 300).unref();
  }

  #emit(line: AgentLine | Omit<TranscriptLineInput, 'callId' | 'sequence'>): void {
    const metadata = line.metadata && Object.keys(line.metadata).length ? line.metadata : null;
    this.#link.emitLine({ ...line, metadata, sequence: this.#sequence++ }, this.#id);
  }
}
