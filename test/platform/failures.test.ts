import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import twilio from 'twilio';
import WebSocket from 'ws';
import { Call, TranscriptLine } from '../../db/entities/index.ts';
import { signStreamToken } from '../../lib/stream-token.ts';
import { type CallStack, type FinishedCall, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { TEST_TWILIO_AUTH_TOKEN, testConfig } from '../support/env.ts';
import { startGateway } from '../support/gateway.ts';
import { startProcess } from '../support/processes.ts';
import { eventually } from '../support/wait.ts';

/**
 * Calls end correctly whatever dies, with one bridge (the quick start's shape): the bridge
 * restarting under live calls, the worker killed while it dials, Twilio's final callback lost while
 * the gateway is down.
 */
let stack: CallStack;

beforeAll(async () => {
  stack = await startCallStack('Failures', { bridges: 1, env: { CALL_STREAM_RECOVERY_SECONDS: '30' } });
});

afterAll(async () => {
  await stack?.stop();
  delete process.env.SIMULATOR_CALLBACK_RETRY_MS;
});

const COOPERATIVE = '+15550100000';
const recordedLines = (id: string) => stack.gateway.orm.em.fork().count(TranscriptLine, { call: id });

/** The caller said everything, every line was recorded once and numbered without gaps. */
function expectWholeConversation({ result, lines, simulated }: FinishedCall) {
  expect(result.status).toBe('completed');
  // The caller says goodbye and the agent hangs up, or the caller hangs up first.
  expect(['agent_ended_call', 'hangup']).toContain(result.endReason);
  expect(lines.map((l) => l.sequence)).toEqual(lines.map((_, i) => i));
  expect(lines.filter((l) => l.speaker === 'customer').map((l) => l.text)).toEqual(simulated.said);
  expect(simulated.said).toHaveLength(3);
}

/** A stream start for `callId` on the bridge, with a signed upgrade and a valid ticket: how it ends. */
async function startStream(callId: string, stream: number): Promise<number> {
  const url = `${stack.bridges[0]!.url}/media-stream`;
  const socket = new WebSocket(url, {
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, url, {}) },
  });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  const token = await signStreamToken(testConfig(stack.env).auth.jwtSecret, { callId, stream });
  socket.send(
    JSON.stringify({
      event: 'start',
      streamSid: 'MZrogue',
      start: { streamSid: 'MZrogue', callSid: 'CArogue', accountSid: 'AC', customParameters: { callId, token } },
    }),
  );
  return closed;
}

describe('streams a call does not expect', () => {
  it('refuses a second stream for a live call and any stream for a finished one, even with a ticket', async () => {
    const sessions = () => stack.realtime.sessions.length;
    const { id } = await placeCall(stack, COOPERATIVE);
    await eventually(async () => ((await recordedLines(id)) >= 2 ? true : undefined), 60_000);
    const before = sessions();
    expect(await startStream(id, 0)).toBe(1008);
    expect(await startStream(id, 1)).toBe(1008);
    expect(sessions()).toBe(before);
    const finished = await finishedCall(stack, id);
    expectWholeConversation(finished);
    expect(await startStream(id, 0)).toBe(1008);
    expect(sessions()).toBe(before);
  });
});

describe('calls that outlive what dies', () => {
  it('keeps every call when the only bridge is killed and back within seconds', async () => {
    const calls = await Promise.all([COOPERATIVE, COOPERATIVE, COOPERATIVE].map((n) => placeCall(stack, n)));
    for (const { id } of calls)
      await eventually(async () => ((await recordedLines(id)) >= 2 ? true : undefined), 60_000);
    const [bridge] = stack.bridges;
    bridge!.process.child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const port = new URL(bridge!.url).port;
    bridge!.process = startProcess('bridge/server.ts', {
      ...stack.env,
      BRIDGE_PORT: port,
      BRIDGE_ADVERTISE_URL: bridge!.url,
      BRIDGE_INSTANCE_ID: `test-bridge-restarted-${port}`,
    });
    await bridge!.process.waitForLog('bridge listening');

    for (const { id } of calls) {
      const finished = await finishedCall(stack, id);
      expect(finished.simulated.streams).toBeGreaterThanOrEqual(2);
      expectWholeConversation(finished);
    }
  });

  it('dials once when the worker is killed while Twilio is placing the call', async () => {
    const { sim } = stack.telephony;
    sim.delayCallCreationAnswers(4_000);
    const to = '+15550100000';
    const before = [...sim.calls.values()].filter((c) => c.to === to).length;
    const { id } = await placeCall(stack, to);
    // Twilio has the call (it is ringing) but the worker has not heard its SID yet: kill the worker.
    await eventually(
      async () => ([...sim.calls.values()].filter((c) => c.to === to).length > before ? true : undefined),
      30_000,
    );
    stack.worker.child.kill('SIGKILL');
    sim.delayCallCreationAnswers(0);
    stack.worker = await stack.startWorker();

    const finished = await finishedCall(stack, id);
    expect([...sim.calls.values()].filter((c) => c.to === to)).toHaveLength(before + 1);
    expect(finished.call.twilioCallSid).toBe(finished.simulated.sid);
    expectWholeConversation(finished);
  });

  it('ends a call whose final callback is lost while the gateway is down, asking Twilio how it stands', async () => {
    // Twilio's retries of the callback all fail while the gateway is away.
    process.env.SIMULATOR_CALLBACK_RETRY_MS = '20';
    const { id } = await placeCall(stack, COOPERATIVE);
    await eventually(async () => ((await recordedLines(id)) >= 2 ? true : undefined), 60_000);
    const sid = (await stack.gateway.orm.em.fork().findOneOrFail(Call, id)).twilioCallSid!;
    const port = new URL(stack.gateway.url).port;
    await stack.gateway.stop();
    const simulated = await eventually(async () => {
      const call = stack.telephony.sim.calls.get(sid);
      return call?.status === 'completed' ? call : undefined;
    }, 60_000);
    expect(simulated.callbacks).toContain('completed');
    // Give Twilio's retries time to fail too, then bring the gateway back.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    stack.gateway = await startGateway(testConfig({ ...stack.env, GATEWAY_PORT: port }));
    const finished = await finishedCall(stack, id);
    expect(finished.result.status).toBe('completed');
    // Ended by asking Twilio soon after the stream stopped, not by waiting out a timeout.
    const endedAt = simulated.timeline.find((event) => event.event === 'ended')!.at;
    expect(finished.call.endedAt!.getTime() - endedAt).toBeLessThan(15_000);
  });
});
