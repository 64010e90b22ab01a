import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BridgeMetrics } from '../../bridge/metrics.ts';
import { RealtimeConnection } from '../../bridge/realtime.ts';
import { createLogger } from '../../lib/logger.ts';
import { createOpenAiClient } from '../../lib/openai.ts';
import {
  type RealtimeSimulator,
  type SimulatedSession,
  startRealtimeSimulator,
} from '../../scripts/simulators/realtime.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import { until } from '../support/wait.ts';

/**
 * The caller's audio to the Realtime simulator (its real WebSocket protocol), one append per frame or
 * several frames per append (BRIDGE_APPEND_FRAMES): the model hears the same bytes in the same order
 * either way, and nothing the bridge sends overtakes audio it was given before.
 */
let realtime: RealtimeSimulator;
let ca: Buffer;

beforeAll(async () => {
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  ca = readFileSync(tls.certPath);
  realtime = await startRealtimeSimulator({ tls });
});
afterAll(() => realtime?.stop());

const profile = { model: null, instructions: 'Test.', greeting: null, voice: 'alloy', tools: [] };
/** Seven distinct 20 ms μ-law frames, base64 as Twilio sends them. */
const frames = Array.from({ length: 7 }, (_, i) => Buffer.alloc(160, i + 1).toString('base64'));

async function sendThrough(appendFrames: number): Promise<SimulatedSession> {
  const before = realtime.sessions.length;
  const connection = new RealtimeConnection(
    {
      client: createOpenAiClient({ apiKey: 'sk-test', baseURL: realtime.baseUrl, ca }),
      model: 'gpt-realtime',
      ca,
      appendFrames,
    },
    profile,
    () => undefined,
    createLogger('test', 'silent'),
    new BridgeMetrics(),
  );
  await connection.start(undefined, false);
  const session = realtime.sessions[before]!;
  for (const frame of frames) connection.appendAudio(frame);
  connection.setAutoResponse(true);
  await until(() => received(session).includes('session.update'), 5_000, 'the session update after the audio');
  connection.close();
  return session;
}

/** What the session received after the session's own set-up: appends (as byte lengths) and other events' types. */
const received = (session: SimulatedSession) =>
  session.received
    .slice(session.received.findIndex((e) => e.type === 'input_audio_buffer.append'))
    .map((e) => (e.type === 'input_audio_buffer.append' ? Buffer.from(String(e.audio), 'base64') : String(e.type)));

describe('audio to the model', () => {
  it('appends each frame as it comes by default', async () => {
    const events = received(await sendThrough(1));
    expect(events.slice(0, 7).map((e) => (Buffer.isBuffer(e) ? e.length : e))).toEqual(Array(7).fill(160));
    expect(events[7]).toBe('session.update');
  });

  it('appends several frames in one message, in order, flushing the rest before anything else is sent', async () => {
    const events = received(await sendThrough(3));
    expect(events.slice(0, 3).map((e) => (Buffer.isBuffer(e) ? e.length : e))).toEqual([480, 480, 160]);
    expect(Buffer.concat(events.slice(0, 3) as Buffer[])).toEqual(
      Buffer.concat(frames.map((f) => Buffer.from(f, 'base64'))),
    );
    expect(events[3]).toBe('session.update');
  });
});
