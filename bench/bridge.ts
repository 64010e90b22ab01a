/**
 * npm run bench:bridge — N simulated calls streaming through one bridge process at once.
 *
 * Each call is a Twilio-like Media Stream (20 ms μ-law frames in real time) to a real bridge
 * process, which opens a Realtime session per call on the Realtime simulator in this process. Every
 * frame carries the time it was sent, read again when it reaches the simulator, so the figure is
 * the bridge's added latency per frame (WebSocket in, JSON, WebSocket out over TLS). The caller
 * talks without pause, so the model never answers and only the inbound path is timed. Bridge CPU
 * comes from /proc. Infrastructure must be up (`npm run infra up`); uses the test database.
 *   BENCH_CALLS=10,25,50,100  BENCH_SECONDS=10
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { recordCall } from '../db/calls.ts';
import { openOrm } from '../db/orm.ts';
import { startRealtimeSimulator } from '../scripts/simulators/realtime.ts';
import { simulatorTls } from '../scripts/simulators/tls.ts';
import { TEST_DATABASE_URL, testEnv } from '../test/support/env.ts';
import { freePort } from '../test/support/ports.ts';
import { startProcess } from '../test/support/processes.ts';
import { createTenant } from '../test/support/tenants.ts';
import { percentiles } from './stats.ts';

const counts = (process.env.BENCH_CALLS ?? '10,25,50,100').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_MS = 2_000;
const MAGIC = 0xb7;

let latencies: number[] = [];
let received = 0;
let measuring = false;
const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
const realtime = await startRealtimeSimulator({
  tls,
  keepLog: false,
  onAudio: (audio) => {
    if (!measuring || audio[0] !== MAGIC) return;
    received += 1;
    latencies.push(performance.now() - audio.readDoubleLE(1));
  },
});

const orm = await openOrm(TEST_DATABASE_URL, 4);
const tenant = await createTenant(orm, 'Bench bridge');
const port = await freePort();
const bridge = startProcess(
  'bridge/server.ts',
  testEnv({
    LOG_LEVEL: 'warn',
    BRIDGE_PORT: String(port),
    OPENAI_BASE_URL: realtime.baseUrl,
    OPENAI_CA_FILE: tls.certPath,
  }),
);
await bridge.waitForLog('bridge listening').catch(() => undefined);
await new Promise((r) => setTimeout(r, 1_000));

/** Bridge CPU seconds so far (user + system). */
const cpuSeconds = () => {
  const fields = readFileSync(`/proc/${bridge.child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
};

async function run(calls: number) {
  const sockets: { socket: WebSocket; streamSid: string }[] = [];
  for (let i = 0; i < calls; i++) {
    const callId = crypto.randomUUID();
    await recordCall(orm.em, {
      id: callId,
      organizationId: tenant.organizationId,
      businessId: tenant.businessId,
      direction: 'inbound',
      fromNumber: '+14155550100',
      toNumber: '+15005550006',
    });
    const socket = new WebSocket(`ws://127.0.0.1:${port}/media-stream`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const streamSid = `MZ${crypto.randomUUID().replace(/-/g, '')}`;
    socket.send(JSON.stringify({ event: 'connected', protocol: 'Call', version: '1.0.0' }));
    socket.send(
      JSON.stringify({
        event: 'start',
        streamSid,
        start: {
          streamSid,
          callSid: `CA${i}`,
          accountSid: 'AC',
          tracks: ['inbound'],
          customParameters: { callId },
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
        },
      }),
    );
    sockets.push({ socket, streamSid });
  }
  latencies = [];
  received = 0;
  let sent = 0;
  let chunk = 0;
  const frame = Buffer.alloc(160, 0x7e);
  frame[0] = MAGIC;
  const started = performance.now();
  let cpuStart = 0;
  let measureStart = 0;
  const timer = setInterval(() => {
    const elapsed = performance.now() - started;
    if (!measuring && elapsed >= WARMUP_MS) {
      measuring = true;
      cpuStart = cpuSeconds();
      measureStart = performance.now();
    }
    chunk += 1;
    for (const { socket, streamSid } of sockets) {
      frame.writeDoubleLE(performance.now(), 1);
      socket.send(
        JSON.stringify({
          event: 'media',
          streamSid,
          media: {
            track: 'inbound',
            chunk: String(chunk),
            timestamp: String(chunk * 20),
            payload: frame.toString('base64'),
          },
        }),
      );
      if (measuring) sent += 1;
    }
  }, 20);
  await new Promise((r) => setTimeout(r, WARMUP_MS + seconds * 1000));
  clearInterval(timer);
  await new Promise((r) => setTimeout(r, 200));
  measuring = false;
  const window = (performance.now() - measureStart) / 1000;
  const cpu = cpuSeconds() - cpuStart;
  for (const { socket } of sockets) socket.close();
  await new Promise((r) => setTimeout(r, 500));
  const { p50, p99 } = percentiles(latencies);
  return {
    calls,
    framesPerSecond: Math.round(received / window),
    sentPerSecond: Math.round(sent / window),
    p50,
    p99,
    cpuPercent: (cpu / window) * 100,
  };
}

const results = [];
for (const calls of counts) {
  const r = await run(calls);
  results.push(r);
  console.log(
    `${String(calls).padStart(4)} calls  ${String(r.framesPerSecond).padStart(6)} frames/s through (of ${r.sentPerSecond} sent)  added latency p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  bridge CPU ${r.cpuPercent.toFixed(1)}% (${(r.cpuPercent / calls).toFixed(2)}% per call)`,
  );
}
const best = results.filter((r) => r.p99 < 5).at(-1);
console.log(best ? `largest N with p99 < 5 ms: ${best.calls}` : 'no N had p99 < 5 ms');
await bridge.stop();
await realtime.stop();
await orm.close();
