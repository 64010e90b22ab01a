import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TranscriptLine } from '../../db/entities/index.ts';
import { type CallStack, type FinishedCall, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { eventually } from '../support/wait.ts';

/**
 * A call survives its processes: the Realtime session rolling over, the bridge holding the call
 * killed with SIGKILL, the worker killed with SIGKILL. Two bridges: the gateway streams to the first
 * healthy one, and the first rolls its Realtime sessions over every 5 seconds.
 */
let stack: CallStack;

beforeAll(async () => {
  stack = await startCallStack('Recovery', { bridges: 2, bridgeEnv: [{ REALTIME_SESSION_ROLLOVER_SECONDS: '5' }, {}] });
});

afterAll(async () => {
  await stack?.stop();
});

const GREETING = 'Hello, thanks for calling. How can I help you today?';

/** The conversation was recorded whole: every line once, numbered without gaps, greeted once. */
function expectWholeConversation({ result, lines, simulated }: FinishedCall) {
  expect(result.status).toBe('completed');
  expect(lines.map((l) => l.sequence)).toEqual(lines.map((_, i) => i));
  expect(lines.filter((l) => l.speaker === 'customer').map((l) => l.text)).toEqual(simulated.said);
  expect(simulated.said).toHaveLength(3);
  const agent = lines.filter((l) => l.speaker === 'ai').map((l) => l.text);
  expect(agent.filter((text) => text === GREETING)).toHaveLength(1);
  expect(new Set(agent).size).toBe(agent.length);
  // The agent answered each thing the caller said (the last with its goodbye).
  expect(agent.at(-1)).toBe('Thank you for calling. Goodbye!');
}

const recordedLines = (id: string) => stack.gateway.orm.em.fork().count(TranscriptLine, { call: id });

describe('a call that outlives its processes', () => {
  it('rolls over to fresh Realtime sessions mid-call without losing the conversation', async () => {
    const { id } = await placeCall(stack, '+15550100000');
    const finished = await finishedCall(stack, id);
    expectWholeConversation(finished);
    const rollovers = stack.bridges[0]!.process.output()
      .split('\n')
      .filter((line) => line.includes(id) && line.includes('rolled over to a fresh Realtime session'));
    expect(rollovers.length).toBeGreaterThanOrEqual(2);
  });

  it('moves the call to a healthy bridge when the one holding it is killed, and carries on', async () => {
    const { id } = await placeCall(stack, '+15550100000');
    // The caller has said something and the agent has answered it: then the bridge dies.
    await eventually(async () => ((await recordedLines(id)) >= 3 ? true : undefined), 30_000);
    const [first, second] = stack.bridges;
    first!.process.child.kill('SIGKILL');

    const finished = await finishedCall(stack, id);
    expect(finished.simulated.streams).toBe(2);
    expectWholeConversation(finished);
    expect(second!.process.output()).toContain('continuing the call where it was');
    // The new Realtime session was given the conversation so far.
    const seeded = stack.realtime.sessions.flatMap((s) =>
      s.received
        .filter((e) => e.type === 'conversation.item.create')
        .map((e) => (e.item as { role?: string; content?: { text?: string }[] }).content?.[0]?.text),
    );
    expect(seeded).toContain(finished.simulated.said[0]);
  });

  it('goes on while the worker is killed and resumes when a new worker starts', async () => {
    const { id } = await placeCall(stack, '+15550100000');
    await eventually(async () => ((await recordedLines(id)) >= 2 ? true : undefined), 30_000);
    stack.worker.child.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    stack.worker = await stack.startWorker();

    const finished = await finishedCall(stack, id);
    expect(finished.simulated.streams).toBe(1);
    expectWholeConversation(finished);
  });
});
