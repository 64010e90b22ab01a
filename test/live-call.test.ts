import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Call, TranscriptLine } from '../db/entities/index.ts';
import { type RealtimeSimulator, startRealtimeSimulator } from '../scripts/simulators/realtime.ts';
import { simulatorTls } from '../scripts/simulators/tls.ts';
import { testConfig, testEnv } from './support/env.ts';
import { startGateway, type TestGateway } from './support/gateway.ts';
import { collect, graphql, wsClient } from './support/graphql.ts';
import { freePort } from './support/ports.ts';
import { type RunningProcess, startProcess } from './support/processes.ts';
import { startTelephony } from './support/telephony.ts';
import { createTenant, login, type Tenant } from './support/tenants.ts';

let telephony: Awaited<ReturnType<typeof startTelephony>>;
let realtime: RealtimeSimulator;
let gateway: TestGateway;
let worker: RunningProcess;
let bridge: RunningProcess;
let tenant: Tenant;
let token: string;

beforeAll(async () => {
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  realtime = await startRealtimeSimulator({ tls });
  telephony = await startTelephony();
  const bridgePort = await freePort();
  const env = testEnv({
    ...telephony.env,
    OPENAI_BASE_URL: realtime.baseUrl,
    OPENAI_CA_FILE: tls.certPath,
    BRIDGE_PORT: String(bridgePort),
    BRIDGE_PUBLIC_URL: `ws://127.0.0.1:${bridgePort}`,
  });
  gateway = await startGateway(testConfig(env));
  worker = startProcess('worker.ts', { ...env, PUBLIC_URL: gateway.url });
  bridge = startProcess('bridge/server.ts', env);
  tenant = await createTenant(gateway.orm, 'Live');
  token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  await Promise.all([worker.waitForLog('worker started'), bridge.waitForLog('bridge listening')]);
});

afterAll(async () => {
  await gateway?.stop();
  await worker?.stop();
  await bridge?.stop();
  await telephony?.sim.stop();
  await realtime?.stop();
});

async function callAndWait(toNumber: string) {
  const started = await graphql(
    gateway.url,
    'mutation ($i: StartCallInput!) { startCall(input: $i) { ... on MutationStartCallSuccess { data { id workflowId } } } }',
    { i: { businessId: tenant.businessId, toNumber } },
    token,
  );
  const { id, workflowId } = started.data!.startCall.data;
  const result = await gateway.temporal.workflow.getHandle(workflowId).result();
  const call = await gateway.orm.em.fork().findOneOrFail(Call, id);
  const lines = await gateway.orm.em.fork().find(TranscriptLine, { call: id }, { orderBy: { sequence: 'asc' } });
  return { id, result, call, lines, simulated: telephony.sim.calls.get(call.twilioCallSid!)! };
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
      { i: { businessId: tenant.businessId, toNumber: '+15550100004' } },
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
    const { simulated } = await callAndWait('+15550100008');
    expect(simulated.stream.bargedIn).toBe(true);
    expect(simulated.stream.clears).toBeGreaterThan(0);
    const truncates = realtime.sessions
      .flatMap((s) => s.received)
      .filter((e) => e.type === 'conversation.item.truncate');
    expect(truncates.length).toBeGreaterThan(0);
    expect(truncates[0]!.audio_end_ms).toBeGreaterThan(0);
  });
});
