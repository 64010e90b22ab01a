import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import twilio from 'twilio';
import WebSocket from 'ws';
import { recordCall } from '../../db/calls.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { signStreamToken } from '../../lib/stream-token.ts';
import { type RealtimeSimulator, startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import { TEST_DATABASE_URL, TEST_TWILIO_AUTH_TOKEN, testConfig, testEnv } from '../support/env.ts';
import { type RunningProcess, startProcess } from '../support/processes.ts';
import { quietTemporalRuntime, testDataConverter } from '../support/temporal.ts';
import { createTenant, type Tenant } from '../support/tenants.ts';
import type { bridgeProbeWorkflow } from './support/probe-workflow.ts';

const instanceId = `test-bridge-${randomUUID().slice(0, 8)}`;
let env: Record<string, string>;
let config: ReturnType<typeof testConfig>;
let bridge: RunningProcess;
let mediaUrl: string;
let realtime: RealtimeSimulator;
let orm: Orm;
let tenant: Tenant;

/** A call row for the stream to belong to: the bridge opens its Realtime session for a known call. */
async function newCall(): Promise<string> {
  const id = randomUUID();
  await recordCall(orm.em, {
    id,
    organizationId: tenant.organizationId,
    businessId: tenant.businessId,
    direction: 'outbound',
    fromNumber: '+15005550006',
    toNumber: '+14155550100',
  });
  return id;
}

/** A WebSocket to the bridge's media endpoint, its upgrade signed the way Twilio signs it. */
function twilioSocket(): WebSocket {
  return new WebSocket(mediaUrl, {
    headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, mediaUrl, {}) },
  });
}

/** Opens a media stream the way Twilio's <Connect><Stream> does, and sends `frames` audio frames. */
async function openTwilioStream(callId: string, frames: number, ticket?: string) {
  const socket = twilioSocket();
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  const token = ticket ?? (await signStreamToken(config.auth.jwtSecret, { callId, stream: 0 }));
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
        customParameters: { callId, token },
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
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  realtime = await startRealtimeSimulator({ tls });
  env = testEnv({ BRIDGE_INSTANCE_ID: instanceId, OPENAI_BASE_URL: realtime.baseUrl, OPENAI_CA_FILE: tls.certPath });
  config = testConfig(env);
  orm = await openOrm(TEST_DATABASE_URL, 2);
  tenant = await createTenant(orm, 'Bridge');
  bridge = startProcess('bridge/server.ts', env);
  const line = await bridge.waitForLog('bridge listening');
  mediaUrl = String(line.url);
});

afterAll(async () => {
  await bridge?.stop();
  await realtime?.stop();
  await orm?.close();
});

describe('bridge', () => {
  it('answers commands on its own task queue about the streams it holds', async () => {
    const callId = await newCall();
    const { closed } = await openTwilioStream(callId, 25);
    await new Promise((r) => setTimeout(r, 200));

    const connection = await NativeConnection.connect({ address: config.temporal.address });
    const probeQueue = `probe-${randomUUID()}`;
    const worker = await Worker.create({
      connection,
      taskQueue: probeQueue,
      dataConverter: testDataConverter(orm),
      workflowsPath: fileURLToPath(new URL('./support/probe-workflow.ts', import.meta.url)),
    });
    const client = new Client({
      connection: await Connection.connect({ address: config.temporal.address }),
      dataConverter: testDataConverter(orm),
    });
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

  it('refuses a media-stream upgrade that Twilio did not sign', async () => {
    for (const headers of [{}, { 'x-twilio-signature': 'forged' }]) {
      const socket = new WebSocket(mediaUrl, { headers });
      const refused = await new Promise<string>((resolve) => socket.once('error', (error) => resolve(error.message)));
      expect(refused).toMatch(/403/);
    }
  });

  it('closes only the socket that sends a malformed frame; the calls on the bridge go on', async () => {
    const healthUrl = mediaUrl.replace('ws://', 'http://').replace('/media-stream', '/healthz');
    const live = await openTwilioStream(await newCall(), 5);
    await new Promise((r) => setTimeout(r, 200));
    const frames = [
      '{"event":"start"}',
      '{"event":"media"}',
      '{"event":"mark"}',
      '{"event":"start","start":{"streamSid":"MZ1"}}',
      '{"event":"media","media":{"payload":42}}',
      '{"event":"mark","mark":{}}',
      '{"event":"start","start":{"streamSid":"MZ1","callSid":"CA1","customParameters":{"callId":7}}}',
      '[]',
      'null',
    ];
    for (const frame of frames) {
      const socket = twilioSocket();
      await new Promise((resolve) => socket.once('open', resolve));
      const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
      socket.send(frame);
      expect(await closed).toBe(1003);
    }
    const health = await (await fetch(healthUrl)).json();
    expect(health).toMatchObject({ status: 'ok', activeCalls: 1 });
    expect(live.socket.readyState).toBe(WebSocket.OPEN);
    live.socket.close();
  });

  it('refuses a start without a valid ticket for the call it names, before any Realtime session opens', async () => {
    const sessionsBefore = realtime.sessions.length;
    const callId = await newCall();
    const otherCall = await newCall();
    const tickets = [
      'not-a-ticket',
      await signStreamToken(config.auth.jwtSecret, { callId: otherCall, stream: 0 }),
      await signStreamToken('some-other-secret-that-is-long-enough-to-sign', { callId, stream: 0 }),
    ];
    for (const ticket of tickets) {
      const { closed } = await openTwilioStream(callId, 1, ticket);
      expect((await closed).code).toBe(1008);
    }
    expect(realtime.sessions.length).toBe(sessionsBefore);
  });

  it('closes a socket that does not speak the Media Streams protocol', async () => {
    const socket = twilioSocket();
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send('hello');
    expect(await closed).toBe(1003);
  });

  it('reports health with its instance id and active calls', async () => {
    const healthUrl = mediaUrl.replace('ws://', 'http://').replace('/media-stream', '/healthz');
    const { socket } = await openTwilioStream(await newCall(), 1);
    await new Promise((r) => setTimeout(r, 100));
    const health = await (await fetch(healthUrl)).json();
    expect(health).toEqual({ status: 'ok', instanceId, activeCalls: 1 });
    socket.close();
  });

  it('hangs up its streams and exits cleanly on SIGTERM', async () => {
    const { closed } = await openTwilioStream(await newCall(), 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(await bridge.stop()).toBe(0);
    expect(await closed).toEqual({ code: 1000, reason: 'bridge shutting down' });
  });
});
