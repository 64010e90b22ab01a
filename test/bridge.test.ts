import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import WebSocket from 'ws';
import { testConfig, testEnv } from './support/env.ts';
import { type RunningProcess, startProcess } from './support/processes.ts';
import { quietTemporalRuntime } from './support/temporal.ts';
import type { bridgeProbeWorkflow } from './workflows/bridge-probe.ts';

const instanceId = `test-bridge-${randomUUID().slice(0, 8)}`;
const env = testEnv({ BRIDGE_INSTANCE_ID: instanceId });
const config = testConfig(env);
let bridge: RunningProcess;
let mediaUrl: string;

/** Opens a media stream the way Twilio's <Connect><Stream> does, and sends `frames` audio frames. */
async function openTwilioStream(callId: string, frames: number) {
  const socket = new WebSocket(mediaUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const streamSid = `MZ${randomUUID().replace(/-/g, '')}`;
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
  socket.send(
    JSON.stringify({
      event: 'start',
      sequenceNumber: '1',
      streamSid,
      start: {
        streamSid,
        callSid: `CA${randomUUID().replace(/-/g, '')}`,
        accountSid: 'ACtest',
        tracks: ['inbound'],
        customParameters: { callId },
        mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
      },
    }),
  );
  const silence = Buffer.alloc(160, 0xff).toString('base64');
  for (let i = 0; i < frames; i++) {
    socket.send(
      JSON.stringify({
        event: 'media',
        sequenceNumber: String(i + 2),
        streamSid,
        media: { track: 'inbound', chunk: String(i + 1), timestamp: String(i * 20), payload: silence },
      }),
    );
  }
  return { socket, closed };
}

beforeAll(async () => {
  quietTemporalRuntime();
  bridge = startProcess('bridge/server.ts', env);
  const line = await bridge.waitForLog('bridge listening');
  mediaUrl = String(line.url);
});

afterAll(async () => {
  await bridge?.stop();
});

describe('bridge', () => {
  it('answers commands on its own task queue about the streams it holds', async () => {
    const callId = randomUUID();
    const { closed } = await openTwilioStream(callId, 25);
    await new Promise((r) => setTimeout(r, 200));

    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const probeQueue = `probe-${randomUUID()}`;
    const worker = await Worker.create({
      connection,
      taskQueue: probeQueue,
      workflowsPath: fileURLToPath(new URL('./workflows/bridge-probe.ts', import.meta.url)),
    });
    const client = new Client({ connection: await Connection.connect({ address: config.temporal.address }) });
    try {
      const result = await worker.runUntil(
        client.workflow.execute<typeof bridgeProbeWorkflow>('bridgeProbeWorkflow', {
          taskQueue: probeQueue,
          workflowId: `bridge-probe-${randomUUID()}`,
          args: [instanceId, callId],
        }),
      );
      expect(result.before.instanceId).toBe(instanceId);
      expect(result.before.calls).toEqual([expect.objectContaining({ callId, mediaFrames: 25 })]);
      expect(result.closed).toBe(true);
      expect(await closed).toEqual({ code: 1000, reason: 'probe' });
    } finally {
      await client.connection.close();
      await connection.close();
    }
  });

  it('closes a socket that does not speak the Media Streams protocol', async () => {
    const socket = new WebSocket(mediaUrl);
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('hello');
    expect(await closed).toBe(1003);
  });

  it('reports health with its instance id and active calls', async () => {
    const healthUrl = mediaUrl.replace('ws://', 'http://').replace('/media-stream', '/healthz');
    const { socket } = await openTwilioStream(randomUUID(), 1);
    await new Promise((r) => setTimeout(r, 100));
    const health = await (await fetch(healthUrl)).json();
    expect(health).toEqual({ status: 'ok', instanceId, activeCalls: 1 });
    socket.close();
  });

  it('hangs up its streams and exits cleanly on SIGTERM', async () => {
    const { closed } = await openTwilioStream(randomUUID(), 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await bridge.stop()).toBe(0);
    expect(await closed).toEqual({ code: 1000, reason: 'bridge shutting down' });
  });
});
