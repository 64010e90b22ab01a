/**
 * The voice agent's tools. Each runs under a timeout, and whatever goes wrong becomes an `error`
 * in the tool's output, which the model reads and recovers from (apologise, offer something else)
 * instead of the call breaking.
 */

import type { KnowledgeLookupSettings } from '../knowledge/lookup-settings.ts';
import { citationOf, type KnowledgeCitation } from '../knowledge/store.ts';
import { DO_NOT_CALL_END_REASON } from '../workflows/definitions/call.ts';
import type { EscalationState } from '../workflows/definitions/escalation.ts';
import { clarifyingQuestion, type KnowledgeLookup, spokenAnswer, verdictFor } from './knowledge.ts';

export const TOOL_DEFINITIONS = [
  {
    type: 'function' as const,
    name: 'lookup_knowledge',
    description:
      "Search the business's knowledge base before answering a factual question about its products, " +
      'policies, prices or procedures. Answer only from what it returns.',
    parameters: {
      type: 'object',
      properties: { query: { type: 'string', description: 'The question, in a few words.' } },
      required: ['query'],
    },
  },
  {
    type: 'function' as const,
    name: 'escalate_to_human',
    description:
      'Hand the caller to a human colleague when they ask for one, are upset, or you cannot help. ' +
      'Tell the caller you are connecting them first.',
    parameters: {
      type: 'object',
      properties: {
        reason: { type: 'string', description: 'Why, in a few words.' },
        summary: { type: 'string', description: 'What the caller needs, for the colleague.' },
      },
      required: ['reason'],
    },
  },
  {
    type: 'function' as const,
    name: 'end_call',
    description:
      'Hang up once the caller has nothing more and you have said goodbye. If they asked not to be called again, ' +
      `say you will not call again and use reason "${DO_NOT_CALL_END_REASON}".`,
    parameters: { type: 'object', properties: { reason: { type: 'string' } } },
  },
];

export type ToolName = (typeof TOOL_DEFINITIONS)[number]['name'];

export interface ToolContext {
  businessId: string;
  knowledge: KnowledgeLookup;
  /** Where the call's escalation stands, as its workflow says (undefined when it cannot say in time). */
  escalation: () => Promise<EscalationState | null | undefined>;
  /** The business's lookup settings: how many passages, how good. */
  lookup: Pick<KnowledgeLookupSettings, 'maxResults' | 'minScore'>;
}

export interface ToolResult {
  /** What the model reads (JSON). */
  output: Record<string, unknown>;
  /** What the bridge does once the agent's reply to the output has been heard. */
  afterReply?: { action: 'end_call' | 'escalate'; reason: string };
  /** Knowledge chunks the answer came from; kept on the agent's next transcript line. */
  sources?: KnowledgeCitation[];
}

/** What the model is told when the call already has an escalation, by where it stands. */
const ESCALATION_ANSWERS: Record<EscalationState | 'none', Record<string, unknown> | undefined> = {
  none: undefined,
  cancelled: undefined,
  routing: {
    ok: true,
    message: 'A colleague is already being found for this caller. Tell them they are still waiting for one.',
  },
  callback: {
    ok: false,
    message:
      'Nobody was free, and a colleague will call the caller back at this number. Tell them that; do not say you are connecting them.',
  },
  connected: { ok: false, message: 'The caller is already with a colleague.' },
  handed_off: { ok: false, message: 'The caller is already being handed to a colleague.' },
};

export class ToolTimeoutError extends Error {
  constructor(name: string, ms: number) {
    super(`${name} did not answer within ${ms} ms`);
    this.name = 'ToolTimeoutError';
  }
}

/** Runs one tool call from the model; never throws. */
export async function runTool(
  name: string,
  rawArguments: string,
  ctx: ToolContext,
  timeoutMs: number,
): Promise<ToolResult> {
  let args: Record<string, unknown>;
  try {
    args = rawArguments ? JSON.parse(rawArguments) : {};
    if (typeof args !== 'object' || args === null) throw new Error('not an object');
  } catch {
    return { output: { error: 'The arguments were not valid JSON; call the tool again with a JSON object.' } };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ToolTimeoutError(name, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([execute(name, args, ctx), timeout]);
  } catch (error) {
    const message =
      error instanceof ToolTimeoutError
        ? 'The lookup took too long. Tell the caller you could not check right now and offer another way to help.'
        : `The tool failed (${(error as Error).message}). Apologise briefly and offer another way to help.`;
    return { output: { error: message } };
  } finally {
    clearTimeout(timer);
  }
}

async function execute(name: string, args: Record<string, unknown>, ctx: ToolContext): Promise<ToolResult> {
  switch (name) {
    case 'lookup_knowledge': {
      const query = typeof args.query === 'string' ? args.query.trim() : '';
      if (!query) return { output: { error: 'query is required.' } };
      const hits = await ctx.knowledge.search({
        businessId: ctx.businessId,
        query,
        limit: ctx.lookup.maxResults,
        minScore: ctx.lookup.minScore,
        rerank: true,
      });
      const verdict = verdictFor(hits, ctx.knowledge.embedder.relevance);
      if (verdict === 'decline') {
        return {
          output: {
            found: false,
            message:
              'Nothing in the knowledge base answers this. Do not guess: say you could not find it, and offer to ' +
              'connect the caller with a colleague or to arrange a callback.',
          },
        };
      }
      if (verdict === 'clarify') {
        return {
          // No `found`: asking what the caller means is not a failed lookup (../quality/triggers.ts counts those).
          output: {
            clarify: true,
            question: clarifyingQuestion(hits),
            message:
              'The closest passages may not be what the caller means. Do not answer yet: ask the caller this ' +
              'question (or a shorter one of your own), then look up again with their answer.',
          },
        };
      }
      const { answer, chunkIds } = spokenAnswer(hits);
      return {
        output: {
          found: true,
          answer,
          sources: hits.filter((h) => chunkIds.includes(h.chunkId)).map((h) => ({ id: h.chunkId, title: h.title })),
        },
        sources: hits.filter((h) => chunkIds.includes(h.chunkId)).map(citationOf),
      };
    }
    case 'escalate_to_human': {
      const reason = typeof args.reason === 'string' && args.reason.trim() ? args.reason.trim() : 'caller_request';
      // The agent says only what the call's workflow has decided, never more.
      const already = ESCALATION_ANSWERS[(await ctx.escalation()) ?? 'none'];
      if (already) return { output: already };
      // The call's workflow looks for a human (../workflows/escalation.ts) once this reply has been heard.
      return {
        output: {
          ok: true,
          message:
            'Tell the caller, in one sentence, that you are finding a colleague who can help and to stay on the line. Do not say they are connected.',
        },
        afterReply: { action: 'escalate', reason: reason.slice(0, 200) },
      };
    }
    case 'end_call': {
      // Only the do-not-call request is kept as the end reason: it puts the number on the list.
      const reason = args.reason === DO_NOT_CALL_END_REASON ? DO_NOT_CALL_END_REASON : 'agent_ended_call';
      return { output: { ok: true }, afterReply: { action: 'end_call', reason } };
    }
    default:
      return { output: { error: `There is no tool called ${name}.` } };
  }
}

/** How one tool went, kept on the agent's next line (for QA and escalation on complexity). */
export interface ToolOutcome {
  name: string;
  ok: boolean;
  found?: boolean;
}

/** A function call the model made in a response. */
export interface ToolCall {
  name: string;
  arguments: string;
  callId: string;
}

/** What one response's tool calls came to: an output per call, and what the next reply draws on or leads to. */
export interface ToolRound {
  outputs: { callId: string; output: string }[];
  outcomes: ToolOutcome[];
  sources?: KnowledgeCitation[];
  afterReply?: ToolResult['afterReply'];
}

/** Runs a response's tool calls one after another; never throws. */
export async function runToolCalls(calls: ToolCall[], ctx: ToolContext, timeoutMs: number): Promise<ToolRound> {
  const round: ToolRound = { outputs: [], outcomes: [] };
  for (const call of calls) {
    const result = await runTool(call.name, call.arguments, ctx, timeoutMs);
    if (result.sources) round.sources = result.sources;
    if (result.afterReply) round.afterReply = result.afterReply;
    round.outcomes.push({
      name: call.name,
      ok: !result.output.error,
      ...(typeof result.output.found === 'boolean' && { found: result.output.found }),
    });
    round.outputs.push({ callId: call.callId, output: JSON.stringify(result.output) });
  }
  return round;
}
