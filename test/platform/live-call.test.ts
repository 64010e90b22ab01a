import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Call, TranscriptLine } from '../../db/entities/index.ts';
import type { RealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import type { TestGateway } from '../support/gateway.ts';
import { collect, graphql, wsClient } from '../support/graphql.ts';

let stack: CallStack;
let gateway: TestGateway;
let telephony: CallStack['telephony'];
let realtime: RealtimeSimulator;
let token: string;

beforeAll(async () => {
  stack = await startCallStack('Live');
  ({ gateway, telephony, realtime, token } = stack);
});

afterAll(async () => {
  await stack?.stop();
});

async function callAndWait(toNumber: string) {
  const { id } = await placeCall(stack, toNumber);
  return finishedCall(stack, id);
}

describe('a live call through Twilio, the bridge and the Realtime model', () => {
  it('holds a whole conversation and records every line once, in order', async () => {
    const { id, result, lines, simulated } = await callAndWait('+15550100000');
    expect(result.status).toBe('completed');
    expect(['agent_ended_call', 'hangup']).toContain(result.endReason);

    expect(lines.map((l) => l.sequence)).toEqual(lines.map((_, i) => i));
    const customer = lines.filter((l) => l.speaker === 'customer').map((l) => l.text);
    const agent = lines.filter((l) => l.speaker === 'ai').map((l) => l.text);
    expect(customer).toEqual(simulated.said);
    expect(agent[0]).toBe('Hello, thanks for calling. How can I help you today?');
    // What the caller heard is what the agent's lines say.
    expect(simulated.heard).toEqual(agent.slice(0, simulated.heard.length));
    for (const line of lines) expect(line.endMs).toBeGreaterThanOrEqual(line.startMs!);

    const events = await collect<{ callEvents: { type: string; line: { text: string } | null } }>(
      wsClient(gateway.url, token),
      'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { type line { text } } }',
      { id },
      (items) => items.filter((e) => e.callEvents.type === 'TRANSCRIPT').length >= lines.length,
    );
    expect(events.filter((e) => e.callEvents.type === 'TRANSCRIPT').map((e) => e.callEvents.line?.text)).toEqual(
      lines.map((l) => l.text),
    );
  });

  it('lets a supervisor make the agent say a sentence and follow a new instruction mid-call', async () => {
    const started = await graphql(
      gateway.url,
      'mutation ($i: StartCallInput!) { startCall(input: $i) { ... on MutationStartCallSuccess { data { id workflowId } } } }',
      { i: { businessId: stack.tenant.businessId, toNumber: '+15550100004' } },
      token,
    );
    const { id, workflowId } = started.data!.startCall.data;
    const intervene = (input: Record<string, string>) =>
      graphql(
        gateway.url,
        'mutation ($id: ID!, $input: InterveneInput!) { interveneCall(id: $id, input: $input) { __typename ... on Error { message } } }',
        { id, input },
        token,
      );
    // Until the call is answered and its stream reaches the bridge, there is no agent to steer.
    let said = await intervene({ action: 'SAY', text: 'Your order shipped this morning.' });
    for (let i = 0; i < 50 && said.data?.interveneCall.__typename === 'ConflictError'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      said = await intervene({ action: 'SAY', text: 'Your order shipped this morning.' });
    }
    expect(said.data?.interveneCall.__typename).toBe('MutationInterveneCallSuccess');
    const instructed = await intervene({ action: 'INSTRUCT', text: 'Offer a discount code.' });
    expect(instructed.data?.interveneCall.__typename).toBe('MutationInterveneCallSuccess');

    await gateway.temporal.workflow.getHandle(workflowId).result();
    const call = await gateway.orm.em.fork().findOneOrFail(Call, id);
    expect(telephony.sim.calls.get(call.twilioCallSid!)!.heard).toContain('Your order shipped this morning.');
    const agentLines = await gateway.orm.em.fork().find(TranscriptLine, { call: id, speaker: 'ai' });
    expect(agentLines.map((l) => l.text)).toContain('Your order shipped this morning.');
    const systemItems = realtime.sessions
      .flatMap((s) => s.received)
      .filter((e) => e.type === 'conversation.item.create' && (e.item as { role?: string }).role === 'system');
    expect(systemItems.length).toBeGreaterThan(0);

    const late = await intervene({ action: 'PAUSE_AI' });
    expect(late.data?.interveneCall.__typename).toBe('ConflictError');
  });

  it('stops talking when the caller barges in: Twilio is cleared and the reply truncated where it was heard', async () => {
    const { id, lines, simulated } = await callAndWait('+15550100008');
    expect(simulated.stream.bargedIn).toBe(true);
    expect(simulated.stream.clears).toBeGreaterThan(0);
    const truncates = realtime.sessions
      .flatMap((s) => s.received)
      .filter((e) => e.type === 'conversation.item.truncate');
    expect(truncates.length).toBeGreaterThan(0);
    expect(truncates[0]!.audio_end_ms).toBeGreaterThan(0);

    // The agent's line is stored as far as the caller heard it, marked interrupted, the whole reply beside it.
    const cut = lines.find((l) => (l.metadata as { interrupted?: boolean } | null)?.interrupted);
    expect(cut).toBeDefined();
    const { fullText, heardMs } = cut!.metadata as { fullText: string; heardMs: number };
    expect(heardMs).toBeGreaterThan(0);
    expect(cut!.text.replace(/…$/, '').length).toBeLessThan(fullText.length);
    expect(fullText.startsWith(cut!.text.replace(/…$/, ''))).toBe(true);
    const page = await graphql(
      gateway.url,
      'query ($id: ID!) { call(id: $id) { transcript(first: 50) { lines { sequence text interrupted } } } }',
      { id },
      token,
    );
    const shown = page.data?.call.transcript.lines.find((l: { sequence: number }) => l.sequence === cut!.sequence);
    expect(shown).toEqual({ sequence: cut!.sequence, text: cut!.text, interrupted: true });
  });
});
