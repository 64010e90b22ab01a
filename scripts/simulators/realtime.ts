/**
 * A Realtime API simulator that speaks the OpenAI Realtime event protocol over wss, for the bridge,
 * the tests, the demo and the benchmarks. It listens with server VAD to μ-law audio, "transcribes"
 * the simulated speech (./speech.ts), answers with audio deltas and transcripts, calls the tools it
 * was given when the caller asks for what they do, and honours truncate and cancel.
 *
 * It also answers Chat Completions (`POST /v1/chat/completions`) the way the platform uses them: a QA
 * grade when the system prompt asks for one, a handoff summary when it asks for that, a post-call
 * summary, an adversarial grade, and any structured-output request filled against its JSON Schema
 * (./structured-output.ts), each computed from the transcript with simple, transparent rules, so
 * results are deterministic.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { FRAME_BYTES, FRAME_MS, hear, isSilent, speak } from './speech.ts';
import { answerAgainstSchema, parseNumberedTranscript } from './structured-output.ts';
import type { TlsFiles } from './tls.ts';

type Json = Record<string, unknown>;

interface Tool {
  name: string;
  description?: string;
}

interface SessionConfig {
  instructions: string;
  voice: string;
  tools: Tool[];
  silenceMs: number;
  createResponse: boolean;
}

/** What one connection did: for tests that check what the bridge sent. */
export interface SimulatedSession {
  id: string;
  model: string;
  /** The API key the session was opened with. */
  apiKey: string;
  received: Json[];
  sent: Json[];
  closed: boolean;
}

/**
 * Hooks a benchmark times the bridge with. They see the real traffic as the simulated model
 * handles it, and cost nothing when absent.
 */
export interface RealtimeProbe {
  /** Each 20 ms frame of the caller's audio, as the model hears it. */
  heard?(frame: Buffer, session: SimulatedSession): void;
  /**
   * Each chunk of the reply's audio just before it is sent (the probe may write into it). On a
   * reply's first chunk, `turnEndedAt` is when the caller's turn it answers ended (performance.now()).
   */
  speaking?(delta: Buffer, session: SimulatedSession, turnEndedAt: number | undefined): void;
}

export interface RealtimeSimulator {
  /** Use as the OpenAI client's baseURL (the SDK turns it into wss://…/v1/realtime). */
  baseUrl: string;
  sessions: SimulatedSession[];
  /** Every Chat Completions request body, in order (when keeping logs), with the API key it came with. */
  chatRequests: Json[];
  /** Accepts this API key from now on (when the simulator checks keys). */
  addApiKey(key: string): void;
  stop(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, '').slice(0, 20)}`;
const AUDIO_DELTA_BYTES = FRAME_BYTES * 5;

/** The end reason that puts the number on the do-not-call list (DO_NOT_CALL_END_REASON in workflows/definitions/call.ts). */
const DO_NOT_CALL_REASON = 'do_not_call_requested';

const GREETING = 'Hello, thanks for calling. How can I help you today?';

/** The simulated model: what to do after the caller said `text`. */
function decide(text: string, tools: Tool[]): { call?: { name: string; args: Json }; say?: string } {
  const has = (name: string) => tools.some((t) => t.name === name);
  if (has('escalate_to_human') && /\b(human|manager|supervisor|real person|representative)\b/i.test(text)) {
    return { call: { name: 'escalate_to_human', args: { reason: 'caller asked for a human', summary: text } } };
  }
  if (has('end_call') && /\b(do not|don't|never) call me\b|\bstop calling\b/i.test(text)) {
    return { call: { name: 'end_call', args: { reason: DO_NOT_CALL_REASON } } };
  }
  if (has('end_call') && /\b(bye|goodbye|that's all|nothing else)\b/i.test(text)) {
    return { call: { name: 'end_call', args: { reason: 'caller finished' } } };
  }
  if (has('lookup_knowledge') && text.trim().endsWith('?')) {
    return { call: { name: 'lookup_knowledge', args: { query: text } } };
  }
  return { say: `I understand. ${text} Is there anything else I can help with?` };
}

/** What the simulated model says after reading a tool's output (JSON, as the bridge sends it). */
function afterTool(name: string, output: string): string {
  let result: Json = {};
  try {
    result = JSON.parse(output) as Json;
  } catch {
    result = { answer: output };
  }
  if (typeof result.error === 'string')
    return "I'm sorry, I can't do that right now. Is there anything else I can help with?";
  if (name === 'lookup_knowledge') {
    // Like a model following the tool's instruction: ask when told to, decline without guessing.
    if (result.clarify === true && typeof result.question === 'string') return result.question;
    return result.found === false
      ? "I couldn't find that in what I have here, and I don't want to guess. I can connect you with a colleague, or arrange a callback. Which would you prefer?"
      : `Here is what I found. ${String(result.answer ?? '').slice(0, 300)}`;
  }
  if (name === 'escalate_to_human') {
    // Like a model following the tool's instruction: say where the escalation stands, no more.
    const message = String(result.message ?? '');
    if (/call the caller back/.test(message))
      return 'No colleague is free right now; a colleague will call you back at this number.';
    if (/already being found/.test(message)) return 'A colleague is still being found for you. Thank you for holding.';
    if (/already with|already being handed/.test(message)) return 'You are with a colleague already.';
    return 'Of course. I am finding a colleague who can help. Please stay on the line.';
  }
  if (name === 'end_call') return 'Thank you for calling. Goodbye!';
  return `Done. ${output.slice(0, 200)}`;
}

class Connection {
  readonly #socket: WebSocket;
  readonly #log: SimulatedSession;
  #config: SessionConfig = { instructions: '', voice: 'alloy', tools: [], silenceMs: 500, createResponse: true };
  #speaking = false;
  #speechStartMs = 0;
  #heardMs = 0;
  #silentMs = 0;
  #turnAudio: Buffer[] = [];
  #lastUserText: string | undefined;
  #lastToolCall: { name: string; callId: string } | undefined;
  #toolOutputs = new Map<string, string>();
  #activeResponse: { id: string; cancelled: boolean } | undefined;
  #greeted = false;
  /** When the caller's last turn ended, until a reply to it starts sounding. */
  #turnEndedAt: number | undefined;
  /** What a system instruction said is still to be collected from the caller: asked for in the next reply. */
  #toAskFor: string[] = [];

  readonly #keepLog: boolean;
  readonly #probe: RealtimeProbe | undefined;

  constructor(socket: WebSocket, log: SimulatedSession, options: { keepLog: boolean; probe?: RealtimeProbe }) {
    this.#socket = socket;
    this.#log = log;
    this.#keepLog = options.keepLog;
    this.#probe = options.probe;
    this.#send({
      type: 'session.created',
      session: { id: log.id, object: 'realtime.session', type: 'realtime', model: log.model },
    });
    socket.on('message', (data) => this.#receive(data.toString()));
    socket.on('close', () => {
      log.closed = true;
    });
  }

  #send(event: Json): void {
    const full = { event_id: id('event'), ...event };
    if (this.#keepLog) this.#log.sent.push(full);
    if (this.#socket.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(full));
  }

  #error(message: string, clientEventId?: unknown): void {
    this.#send({
      type: 'error',
      error: { type: 'invalid_request_error', code: 'invalid_value', message, event_id: clientEventId ?? null },
    });
  }

  #receive(text: string): void {
    let event: Json;
    try {
      event = JSON.parse(text);
    } catch {
      this.#error('Invalid JSON.');
      return;
    }
    if (this.#keepLog) this.#log.received.push(event);
    switch (event.type) {
      case 'session.update':
        this.#updateSession(event);
        return;
      case 'input_audio_buffer.append':
        this.#append(Buffer.from(String(event.audio ?? ''), 'base64'));
        return;
      case 'input_audio_buffer.clear':
        this.#turnAudio = [];
        this.#send({ type: 'input_audio_buffer.cleared' });
        return;
      case 'conversation.item.create':
        this.#createItem(event);
        return;
      case 'conversation.item.truncate':
        this.#send({
          type: 'conversation.item.truncated',
          item_id: event.item_id,
          content_index: event.content_index ?? 0,
          audio_end_ms: event.audio_end_ms,
        });
        return;
      case 'response.create': {
        const instructions = String(((event.response ?? {}) as Json).instructions ?? '');
        const sayExactly = /^Say exactly: "(.*)"$/s.exec(instructions)?.[1];
        void this.#respond(sayExactly);
        return;
      }
      case 'response.cancel':
        if (this.#activeResponse) this.#activeResponse.cancelled = true;
        return;
      default:
        this.#error(`Unsupported event type ${String(event.type)}.`, event.event_id);
        return;
    }
  }

  #updateSession(event: Json): void {
    const session = (event.session ?? {}) as Json;
    const audio = (session.audio ?? {}) as Json;
    const input = (audio.input ?? {}) as Json;
    const output = (audio.output ?? {}) as Json;
    const vad = (input.turn_detection ?? {}) as Json;
    for (const [side, format] of [
      ['input', input.format],
      ['output', output.format],
    ] as const) {
      const type = (format as Json | undefined)?.type;
      if (type !== undefined && type !== 'audio/pcmu') {
        this.#error(`The simulator speaks audio/pcmu only (${side} asked for ${String(type)}).`, event.event_id);
        return;
      }
    }
    this.#config = {
      instructions: typeof session.instructions === 'string' ? session.instructions : this.#config.instructions,
      voice: typeof output.voice === 'string' ? output.voice : this.#config.voice,
      tools: Array.isArray(session.tools) ? (session.tools as Tool[]) : this.#config.tools,
      silenceMs: typeof vad.silence_duration_ms === 'number' ? vad.silence_duration_ms : this.#config.silenceMs,
      createResponse: vad.create_response !== false,
    };
    this.#send({
      type: 'session.updated',
      session: {
        id: this.#log.id,
        type: 'realtime',
        model: this.#log.model,
        instructions: this.#config.instructions,
        tools: this.#config.tools,
      },
    });
  }

  /** Server VAD: voice starts a turn; this much silence after it ends the turn. */
  #append(audio: Buffer): void {
    for (let at = 0; at < audio.length; at += FRAME_BYTES) {
      const frame = audio.subarray(at, at + FRAME_BYTES);
      this.#probe?.heard?.(frame, this.#log);
      const ms = (frame.length / FRAME_BYTES) * FRAME_MS;
      if (!isSilent(frame)) {
        if (!this.#speaking) {
          this.#speaking = true;
          this.#speechStartMs = this.#heardMs;
          this.#turnAudio = [];
          this.#send({
            type: 'input_audio_buffer.speech_started',
            audio_start_ms: this.#speechStartMs,
            item_id: id('item'),
          });
          // Interrupting: the caller talks over the model, so what it was saying stops.
          if (this.#activeResponse) this.#activeResponse.cancelled = true;
        }
        this.#silentMs = 0;
        this.#turnAudio.push(frame);
      } else if (this.#speaking) {
        this.#silentMs += ms;
        if (this.#silentMs >= this.#config.silenceMs) this.#endTurn();
      }
      this.#heardMs += ms;
    }
  }

  #endTurn(): void {
    this.#speaking = false;
    this.#turnEndedAt = performance.now();
    const itemId = id('item');
    this.#send({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: this.#heardMs, item_id: itemId });
    this.#send({ type: 'input_audio_buffer.committed', previous_item_id: null, item_id: itemId });
    this.#send({
      type: 'conversation.item.added',
      previous_item_id: null,
      item: {
        id: itemId,
        type: 'message',
        role: 'user',
        status: 'completed',
        content: [{ type: 'input_audio', transcript: null }],
      },
    });
    const transcript = hear(Buffer.concat(this.#turnAudio)).join(' ');
    this.#lastUserText = transcript;
    this.#send({
      type: 'conversation.item.input_audio_transcription.completed',
      item_id: itemId,
      content_index: 0,
      transcript,
    });
    if (this.#config.createResponse) void this.#respond();
  }

  #createItem(event: Json): void {
    const item = (event.item ?? {}) as Json;
    const itemId = typeof item.id === 'string' ? item.id : id('item');
    if (item.type === 'function_call_output') {
      this.#toolOutputs.set(String(item.call_id), String(item.output ?? ''));
    } else if (item.type === 'message') {
      const content = (item.content as Json[] | undefined) ?? [];
      const text = content.map((c) => c.text ?? c.transcript ?? '').join(' ');
      if (item.role === 'user' && text) this.#lastUserText = text;
      const missing = item.role === 'system' ? /^Still to collect from the caller: (.*?)\. Ask for/.exec(text) : null;
      if (missing) {
        this.#toAskFor = missing[1]!.split('; ').map((field) =>
          field
            .replace(/ \(.*$/, '')
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase(),
        );
      }
      // A session seeded with an earlier conversation does not greet again.
      if (item.role === 'assistant') this.#greeted = true;
    }
    this.#send({
      type: 'conversation.item.added',
      previous_item_id: null,
      item: { ...item, id: itemId, status: 'completed' },
    });
    this.#send({
      type: 'conversation.item.done',
      previous_item_id: null,
      item: { ...item, id: itemId, status: 'completed' },
    });
  }

  async #respond(sayExactly?: string): Promise<void> {
    const responseId = id('resp');
    const response = { id: responseId, cancelled: false };
    if (this.#activeResponse) this.#activeResponse.cancelled = true;
    this.#activeResponse = response;
    this.#send({
      type: 'response.created',
      response: { id: responseId, object: 'realtime.response', status: 'in_progress', output: [] },
    });

    const pendingTool = this.#lastToolCall && this.#toolOutputs.get(this.#lastToolCall.callId);
    let plan: { call?: { name: string; args: Json }; say?: string };
    if (sayExactly !== undefined) {
      plan = { say: sayExactly };
    } else if (this.#lastToolCall && pendingTool !== undefined) {
      plan = { say: afterTool(this.#lastToolCall.name, pendingTool) };
      this.#lastToolCall = undefined;
    } else if (!this.#greeted && this.#lastUserText === undefined) {
      // A model follows the opening its instructions give ("Start the call by saying: …").
      plan = { say: /Start the call by saying: "(.*)"/.exec(this.#config.instructions)?.[1] ?? GREETING };
    } else if (this.#toAskFor.length) {
      // Like a model following the instruction: ask for what is missing before anything else.
      plan = { say: `Before we go on, could you tell me your ${this.#toAskFor.join(' and your ')}?` };
      this.#toAskFor = [];
    } else {
      plan = decide(this.#lastUserText ?? '', this.#config.tools);
    }
    this.#greeted = true;

    const output: Json[] = [];
    if (plan.call) {
      const callId = id('call');
      const item = {
        id: id('item'),
        type: 'function_call',
        status: 'completed',
        name: plan.call.name,
        call_id: callId,
        arguments: JSON.stringify(plan.call.args),
      };
      this.#send({
        type: 'response.output_item.added',
        response_id: responseId,
        output_index: 0,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      this.#send({
        type: 'response.function_call_arguments.delta',
        response_id: responseId,
        item_id: item.id,
        output_index: 0,
        call_id: callId,
        delta: item.arguments,
      });
      this.#send({
        type: 'response.function_call_arguments.done',
        response_id: responseId,
        item_id: item.id,
        output_index: 0,
        call_id: callId,
        name: item.name,
        arguments: item.arguments,
      });
      this.#send({ type: 'response.output_item.done', response_id: responseId, output_index: 0, item });
      this.#lastToolCall = { name: plan.call.name, callId };
      output.push(item);
    } else if (plan.say) {
      const itemId = id('item');
      const audio = speak(plan.say);
      this.#send({
        type: 'response.output_item.added',
        response_id: responseId,
        output_index: 0,
        item: { id: itemId, type: 'message', role: 'assistant', status: 'in_progress', content: [] },
      });
      this.#send({
        type: 'response.content_part.added',
        response_id: responseId,
        item_id: itemId,
        output_index: 0,
        content_index: 0,
        part: { type: 'audio', transcript: '' },
      });
      const turnEndedAt = this.#turnEndedAt;
      this.#turnEndedAt = undefined;
      for (let at = 0; at < audio.length && !response.cancelled; at += AUDIO_DELTA_BYTES) {
        const delta = audio.subarray(at, at + AUDIO_DELTA_BYTES);
        this.#probe?.speaking?.(delta, this.#log, at === 0 ? turnEndedAt : undefined);
        this.#send({
          type: 'response.output_audio.delta',
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          delta: delta.toString('base64'),
        });
        // Generate a little faster than real time, as the real service does, and let events interleave.
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      if (!response.cancelled) {
        this.#send({
          type: 'response.output_audio.done',
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
        });
        this.#send({
          type: 'response.output_audio_transcript.delta',
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          delta: plan.say,
        });
        this.#send({
          type: 'response.output_audio_transcript.done',
          response_id: responseId,
          item_id: itemId,
          output_index: 0,
          content_index: 0,
          transcript: plan.say,
        });
      }
      const item = {
        id: itemId,
        type: 'message',
        role: 'assistant',
        status: response.cancelled ? 'incomplete' : 'completed',
        content: [{ type: 'output_audio', transcript: plan.say }],
      };
      this.#send({ type: 'response.output_item.done', response_id: responseId, output_index: 0, item });
      output.push(item);
    }
    if (this.#activeResponse === response) this.#activeResponse = undefined;
    this.#send({
      type: 'response.done',
      response: {
        id: responseId,
        object: 'realtime.response',
        status: response.cancelled ? 'cancelled' : 'completed',
        output,
      },
    });
  }
}

// ---- Chat Completions -------------------------------------------------------------------------

interface TranscriptEntry {
  speaker: string;
  text: string;
  cited: boolean;
}

/** "[mm:ss] Speaker: text [sources: …]", the timestamp and sources optional, the speaker in any case. */
const TRANSCRIPT_LINE = /^(?:\[[\d:]+\]\s*)?(customer|ai|agent|human_agent|system):\s*(.*?)(\s*\[sources: [^\]]*\])?$/i;
const POSITIVE_WORDS = /\b(thanks?|thank you|great|perfect|helpful|appreciate|wonderful|excellent|happy|glad)\b/gi;
const NEGATIVE_WORDS =
  /\b(angry|furious|terrible|awful|horrible|ridiculous|useless|worst|hate|unacceptable|disappointed|frustrated)\b/gi;
const POLITE_WORDS = /\b(please|thank|thanks|sorry|happy to|glad to|my pleasure|of course)\b/i;
const RUDE_WORDS = /\b(stupid|idiot|shut up|whatever|damn|hell|crap|shit)\b/gi;
const GREETED = /\b(hello|hi|good (morning|afternoon|evening)|welcome|thanks? (you )?for calling)\b/i;
const CLOSED = /\b(thank|thanks|goodbye|bye|have a (great|good|nice) day|take care)\b/i;

function parseTranscript(text: string): TranscriptEntry[] {
  return text
    .split('\n')
    .map((line) => TRANSCRIPT_LINE.exec(line.trim()))
    .filter((match) => match !== null)
    .map((match) => ({ speaker: match[1]!.toLowerCase(), text: match[2]!, cited: match[3] !== undefined }));
}

const count = (text: string, words: RegExp) => text.match(words)?.length ?? 0;
const clamp01 = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;

/**
 * The simulated grader: customer sentiment from positive and negative words; compliance lost when
 * the agent reads out 13 or more digits; accuracy as the share of the agent's lines with numbers
 * that cite sources; professionalism from greeting, politeness, rudeness and closing.
 */
function simulateGrade(transcript: string): Json {
  const lines = parseTranscript(transcript);
  const customer = lines.filter((l) => l.speaker === 'customer').map((l) => l.text);
  const agent = lines.filter((l) => l.speaker !== 'customer' && l.speaker !== 'system');
  const agentText = agent.map((l) => l.text).join('\n');
  const findings: string[] = [];

  const positive = count(customer.join('\n'), POSITIVE_WORDS);
  const negative = count(customer.join('\n'), NEGATIVE_WORDS);
  const sentiment = clamp01(0.5 + 0.15 * (positive - negative));
  findings.push(`The customer used ${positive} positive and ${negative} negative words.`);

  const readOutDigits = agent.some((l) => /\d{13,}/.test(l.text.replace(/[\s-]/g, '')));
  const compliance = readOutDigits ? 0.4 : 1;
  if (readOutDigits) findings.push('The agent read out a long number that may be personal data.');

  const claims = agent.filter((l) => /\d/.test(l.text) && !l.text.trim().endsWith('?'));
  const accuracy = claims.length ? clamp01(claims.filter((l) => l.cited).length / claims.length) : 1;
  if (claims.length)
    findings.push(`${claims.filter((l) => l.cited).length} of ${claims.length} factual answers cite sources.`);

  const greeted = agent.length > 0 && GREETED.test(agent[0]!.text);
  const closed = agent.length > 0 && CLOSED.test(agent.at(-1)!.text);
  const rude = count(agentText, RUDE_WORDS);
  const professionalism = clamp01(
    1 - (greeted ? 0 : 0.2) - (closed ? 0 : 0.2) - (POLITE_WORDS.test(agentText) ? 0 : 0.1) - 0.3 * rude,
  );
  findings.push(
    `The agent ${greeted ? 'greeted' : 'did not greet'} the caller and ${closed ? 'closed politely' : 'did not close politely'}${rude ? `, with ${rude} rude words` : ''}.`,
  );

  return {
    sentiment,
    compliance,
    accuracy,
    professionalism,
    score: clamp01((sentiment + compliance + accuracy + professionalism) / 4),
    rationale: findings.join(' '),
  };
}

/** The simulated handoff summary: the reason, the caller's first and last words, and their lines as key points. */
function simulateHandoff(message: string): Json {
  const reason = /Reason for escalation:\s*(.*)/.exec(message)?.[1]?.trim() || 'not given';
  const customer = parseTranscript(message)
    .filter((l) => l.speaker === 'customer' && l.text)
    .map((l) => l.text);
  const first = customer[0] ?? 'nothing yet';
  const last = customer.at(-1) ?? first;
  return {
    summary: `The caller asked: "${first}". Handed over because: ${reason}.${last !== first ? ` They last said: "${last}".` : ''}`,
    keyPoints: customer.slice(0, 5),
  };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => String((part as Json).text ?? '')).join('\n');
  return '';
}

const CALLBACK = /\b(call (me )?back|ring me back)\b/i;
const DECLINED = /\b(not interested|no thanks|stop calling)\b/i;
const SATISFIED = /\b(thanks?|thank you|great|perfect|that'?s all|bye)\b/i;

/** The simulated post-call summary: the caller's first and last words, an outcome from cue words among those allowed. */
function simulateSummary(message: string, outcomes: string[]): Json {
  const said = parseNumberedTranscript(message)
    .filter((l) => l.speaker === 'customer' && l.text)
    .map((l) => l.text);
  const text = said.join('\n');
  const allowed = (name: string) => (outcomes.includes(name) ? name : undefined);
  const outcome =
    (/handed to a human/.test(message) && allowed('escalated')) ||
    (CALLBACK.test(text) && allowed('callback')) ||
    (DECLINED.test(text) && allowed('not_interested')) ||
    (SATISFIED.test(text) && allowed('resolved')) ||
    allowed('unresolved') ||
    outcomes[0] ||
    'resolved';
  const first = said[0] ?? 'nothing';
  return {
    summary: `The caller said: "${first}".${said.length > 1 ? ` They ended with: "${said.at(-1)}".` : ''} Outcome: ${outcome}.`,
    outcome,
    actionItems: said
      .filter((line) => CALLBACK.test(line) || /\b(send|email) me\b/i.test(line))
      .map((l) => `Follow up: ${l}`),
    intent: said.find((line) => line.split(/\s+/).length > 3) ?? first,
  };
}

const INJECTION =
  /\b(ignore (all |your |the )?(previous |prior )?instructions|system prompt|developer mode|jailbreak|pretend (you are|to be)|you are now)\b/gi;
const OTHERS_DATA =
  /\b(another customer|other customers|someone else'?s|the (last|previous) (caller|customer)|my neighbou?r)\b/gi;
const INSULTS = /\b(stupid|idiot|useless|pathetic|shut up|dumb)\b/gi;

/** The simulated adversarial grade: points for injection phrasing, requests for others' data, insults and nonsense. */
function simulateAdversarial(message: string): Json {
  const text = parseNumberedTranscript(message)
    .filter((l) => l.speaker === 'customer')
    .map((l) => l.text)
    .join('\n');
  const injections = count(text, INJECTION);
  const dataRequests = count(text, OTHERS_DATA);
  const insults = count(text, INSULTS);
  const nonsense = count(text, /\b(asdf\w*|qwer\w*|blorp|zxcv\w*)\b/gi);
  const negative = count(text, NEGATIVE_WORDS);
  const reasons = [
    injections && `${injections} attempts to override the agent's instructions`,
    dataRequests && `${dataRequests} requests for other people's data`,
    insults && `${insults} insults`,
    nonsense && `${nonsense} nonsense words`,
    negative && `${negative} angry words`,
  ].filter((r): r is string => Boolean(r));
  const score = Math.min(10, 4 * injections + 3 * dataRequests + 2 * insults + 2 * nonsense + 0.5 * negative);
  return { score, reasons: reasons.length ? reasons : ['The caller was cooperative.'] };
}

/** The assistant message for a request: chosen by what the system prompt asks for, or the schema it gives. */
function chatAnswer(messages: Json[], json: boolean, schema: Json | undefined): string {
  const system = messages
    .filter((m) => m.role === 'system' || m.role === 'developer')
    .map((m) => textOf(m.content))
    .join('\n');
  const user = textOf(messages.filter((m) => m.role === 'user').at(-1)?.content);
  if (/quality assurance grader/i.test(system)) return JSON.stringify(simulateGrade(user));
  if (/handoff summary/i.test(system)) return JSON.stringify(simulateHandoff(user));
  if (/post-call summary/i.test(system)) {
    const outcomes = (((schema?.properties ?? {}) as Json).outcome as Json | undefined)?.enum;
    return JSON.stringify(simulateSummary(user, Array.isArray(outcomes) ? (outcomes as string[]) : []));
  }
  if (/rate how adversarial/i.test(system)) return JSON.stringify(simulateAdversarial(user));
  if (schema) return JSON.stringify(answerAgainstSchema(schema, user));
  const answer = `I understand. ${user}`.trim();
  return json ? JSON.stringify({ answer }) : answer;
}

function sendJson(res: ServerResponse, status: number, body: Json): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, message: string, code: string | null = null): void {
  const type = status >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, status, { error: { message, type, param: null, code } });
}

const estimateTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

/** The API key of a request, if it sent one. */
const bearerKey = (req: IncomingMessage) => /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];

/** OpenAI's own wording, with the key shown as OpenAI shows it: its start and its last four characters. */
const incorrectKey = (key: string) =>
  `Incorrect API key provided: ${key.slice(0, 3)}${'*'.repeat(Math.max(3, Math.min(key.length - 7, 20)))}${key.slice(-4)}. You can find your API key at https://platform.openai.com/account/api-keys.`;

/** Refuses a request without a key, or with one the simulator does not know, as OpenAI does (401). */
function refuseKey(req: IncomingMessage, res: ServerResponse, accepts: (key: string) => boolean): boolean {
  const key = bearerKey(req);
  if (!key) sendError(res, 401, 'You did not provide an API key.', 'invalid_api_key');
  else if (!accepts(key)) sendError(res, 401, incorrectKey(key), 'invalid_api_key');
  return !key || !accepts(key);
}

/** The models the simulator pretends to serve. */
const MODELS = ['gpt-realtime', 'gpt-realtime-mini', 'gpt-4o-realtime-preview', 'gpt-4.1-mini', 'gpt-4o-mini'];

async function handleChatCompletion(
  req: IncomingMessage,
  res: ServerResponse,
  log: Json[] | null,
  accepts: (key: string) => boolean,
): Promise<void> {
  if (refuseKey(req, res, accepts)) return;
  let raw = '';
  for await (const chunk of req) raw += chunk;
  let body: Json;
  try {
    body = JSON.parse(raw) as Json;
  } catch {
    sendError(res, 400, 'We could not parse the JSON body of your request.');
    return;
  }
  log?.push({ ...body, apiKey: bearerKey(req) });
  const messages = body.messages;
  if (typeof body.model !== 'string' || !body.model) {
    sendError(res, 400, "Missing required parameter: 'model'.", 'missing_required_parameter');
    return;
  }
  if (!Array.isArray(messages) || messages.length === 0) {
    sendError(res, 400, "Missing required parameter: 'messages'.", 'missing_required_parameter');
    return;
  }
  if (body.stream === true) {
    sendError(res, 400, 'The simulator does not stream chat completions.', 'unsupported_value');
    return;
  }
  const format = (body.response_format ?? {}) as Json;
  const schema = format.type === 'json_schema' ? ((format.json_schema as Json | undefined)?.schema as Json) : undefined;
  const content = chatAnswer(messages as Json[], format.type === 'json_object', schema);
  const promptTokens = estimateTokens(messages.map((m) => textOf((m as Json).content)).join('\n'));
  const completionTokens = estimateTokens(content);
  sendJson(res, 200, {
    id: id('chatcmpl'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, annotations: [] },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
    service_tier: 'default',
    system_fingerprint: 'fp_simulator',
  });
}

/** Starts the simulator on `port` (0 picks one) with the given TLS certificate. */
export async function startRealtimeSimulator(options: {
  port?: number;
  host?: string;
  tls: TlsFiles;
  /** Keep every event in `sessions` (tests); off for load runs, where only counts matter. */
  keepLog?: boolean;
  /** Sees the audio heard and said (the bridge benchmark times the bridge with it). */
  probe?: RealtimeProbe;
  /** The API keys it accepts (refusing others as OpenAI does); any key when left out. */
  apiKeys?: string[];
}): Promise<RealtimeSimulator> {
  const keys = options.apiKeys ? new Set(options.apiKeys) : null;
  const accepts = (key: string) => !keys || keys.has(key);
  const host = options.host ?? '127.0.0.1';
  const sessions: SimulatedSession[] = [];
  const keepLog = options.keepLog ?? true;
  const chatRequests: Json[] = [];
  const server: Server = createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => {
    const { pathname } = new URL(req.url ?? '/', `https://${host}`);
    if (pathname === '/v1/models' && req.method === 'GET') {
      if (refuseKey(req, res, accepts)) return;
      sendJson(res, 200, {
        object: 'list',
        data: MODELS.map((model) => ({ id: model, object: 'model', created: 1_700_000_000, owned_by: 'simulator' })),
      });
      return;
    }
    if (pathname === '/v1/chat/completions' && req.method === 'POST') {
      handleChatCompletion(req, res, keepLog ? chatRequests : null, accepts).catch(() => {
        if (!res.headersSent) sendError(res, 500, 'The simulator failed to answer.');
      });
      return;
    }
    sendError(
      res,
      404,
      `The simulator serves /v1/realtime, GET /v1/models and POST /v1/chat/completions, not ${req.method} ${pathname}.`,
    );
  });
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `https://${host}`);
    const model = url.searchParams.get('model');
    const apiKey = bearerKey(req);
    const authorized = apiKey !== undefined && accepts(apiKey);
    if (url.pathname !== '/v1/realtime' || !model || !authorized) {
      socket.end(`HTTP/1.1 ${authorized ? 400 : 401} ${authorized ? 'Bad Request' : 'Unauthorized'}\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const log: SimulatedSession = {
        id: id('sess'),
        model,
        apiKey: apiKey ?? '',
        received: [],
        sent: [],
        closed: false,
      };
      sessions.push(log);
      new Connection(ws, log, { keepLog, probe: options.probe });
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `https://${host}:${port}/v1`,
    sessions,
    chatRequests,
    addApiKey: (key) => keys?.add(key),
    stop: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
