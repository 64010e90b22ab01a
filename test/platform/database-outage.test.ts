import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TranscriptLine } from '../../db/entities/index.ts';
import { type CallStack, finishedCall, placeCall, startCallStack } from '../support/call-stack.ts';
import { TEST_DATABASE_URL } from '../support/env.ts';
import { wsClient } from '../support/graphql.ts';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.ts';
import { eventually } from '../support/wait.ts';

/**
 * PostgreSQL goes away for seconds in the middle of a call (every process reaches it through a
 * proxy the test can cut). Lines the bridge could not publish meanwhile are published when the
 * workflow stores them; a supervisor following the call gets every stored line, once.
 */
let proxy: TcpProxy;
let stack: CallStack;

beforeAll(async () => {
  const upstream = new URL(TEST_DATABASE_URL);
  proxy = await startTcpProxy({ host: upstream.hostname, port: Number(upstream.port || 5432) });
  const proxied = new URL(TEST_DATABASE_URL);
  proxied.port = String(proxy.port);
  stack = await startCallStack('Outage', { env: { DATABASE_URL: proxied.toString() } });
});

afterAll(async () => {
  await stack?.stop();
  await proxy?.stop();
});

describe('a database outage during a call', () => {
  it('stores and publishes every line once, and a subscriber gets them all', async () => {
    const { id } = await placeCall(stack, '+15550100000');
    const received: { cursor: string; text: string }[] = [];
    const client = wsClient(stack.gateway.url, stack.token);
    const stop = client.subscribe<{ callEvents: { cursor: string; type: string; line: { text: string } | null } }>(
      {
        query: 'subscription ($id: ID!) { callEvents(callId: $id, after: "0") { cursor type line { text } } }',
        variables: { id },
      },
      {
        next: ({ data }) => {
          const event = data?.callEvents;
          if (event?.type === 'TRANSCRIPT' && event.line)
            received.push({ cursor: event.cursor, text: event.line.text });
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    try {
      await eventually(async () => (received.length >= 2 ? true : undefined), 60_000, 'the first lines');
      proxy.cut();
      await new Promise((resolve) => setTimeout(resolve, 6_000));
      proxy.restore();

      const finished = await finishedCall(stack, id);
      expect(finished.result.status).toBe('completed');
      const stored = finished.lines.map((line) => line.text);
      expect(stored.length).toBeGreaterThanOrEqual(5);
      // In the log: one transcript event per stored line.
      const logged = await stack.gateway.orm.em
        .fork()
        .execute<{ text: string }[]>(
          `select payload->'line'->>'text' as text from event_log where topic = 'call' and key = ? and payload->>'type' = 'transcript'`,
          [id],
        );
      expect(logged.map((row) => row.text).sort()).toEqual([...stored].sort());
      // Live: every stored line, once, in cursor order.
      await eventually(async () => (received.length >= stored.length ? true : undefined), 30_000, 'every line live');
      expect(received.map((event) => event.text).sort()).toEqual([...stored].sort());
      const cursors = received.map((event) => BigInt(event.cursor));
      expect(cursors.every((cursor, i) => i === 0 || cursor > (cursors[i - 1] as bigint))).toBe(true);
      expect(await stack.gateway.orm.em.fork().count(TranscriptLine, { call: id })).toBe(stored.length);
    } finally {
      stop();
      await client.dispose();
    }
  });
});
