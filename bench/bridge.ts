/**
 * npm run bench:bridge — the bridge measured, not the harness: our bridge beside two contestants on
 * the same traffic, interleaved round by round.
 *
 * Processes: the load generator (bench/bridge/callers.ts, Twilio's side of every stream) and the
 * Realtime simulator (bench/bridge/model.ts) each in their own process, pinned to core 0; the
 * bridge under test pinned to core 1. Contestants: `ours` (bridge/server.ts, with its database,
 * Temporal worker, stream tickets and signed upgrades), `reference` (what Twilio's sample Node
 * bridge does per message: bench/bridge/reference.ts) and `passthrough` (a bare `ws` relay, the
 * floor: bench/bridge/passthrough.ts). `ours@DIR` runs the bridge of another checkout (e.g. the
 * commit before a change, from `git archive`) beside today's.
 *
 * Times: one clock across processes, CLOCK_MONOTONIC (bench/bridge/protocol.ts). A voiced frame
 * carries the time it left the load generator and is timed when the model hears it (inbound); a
 * reply chunk carries the time it left the model and is timed when the caller gets it (outbound).
 * In `both` mode callers hold conversations, and the bench also reports each reply's platform
 * overhead (caller's turn end → first reply audio back, minus the model's own time) and barge-in
 * (caller talks over the agent → Twilio told to clear). CPU and memory come from /proc.
 *
 * Each harness process reports its own CPU and how late it ran; a row whose harness was the limit
 * says so instead of printing latencies it did not measure. Infrastructure must be up (`npm run
 * infra up`); uses the test database.
 *   BENCH_CALLS=10,50,100,200  BENCH_SECONDS=10  BENCH_ROUNDS=2  BENCH_MODES=inbound,both
 *   BENCH_CONTESTANTS=ours,reference,passthrough  BENCH_OURS_ENV="KEY=value …" (extra settings for ours)
 *   BENCH_PERF=1: `perf record` each contestant through each window (bench/results/perf-*.data,
 *   JavaScript frames named through --perf-basic-prof); read with `perf report -i FILE`
 */
import { type ChildProcess, execFileSync, fork, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import twilio from 'twilio';
import { recordCall } from '../db/calls.ts';
import { openOrm } from '../db/orm.ts';
import { signStreamToken } from '../lib/stream-token.ts';
import { TEST_DATABASE_URL, TEST_TWILIO_AUTH_TOKEN, testConfig, testEnv } from '../test/support/env.ts';
import { freePort } from '../test/support/ports.ts';
import { createTenant } from '../test/support/tenants.ts';
import {
  type CallersReport,
  type CallPlan,
  cpuSeconds,
  FRAME_MS,
  type Mode,
  type ModelReport,
  monotonicMs,
  rssBytes,
} from './bridge/protocol.ts';
import { percentiles } from './stats.ts';

const levels = (process.env.BENCH_CALLS ?? '10,50,100,200').split(',').map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const modes = (process.env.BENCH_MODES ?? 'inbound,both').split(',') as Mode[];
const contestantNames = (process.env.BENCH_CONTESTANTS ?? 'ours,reference,passthrough').split(',');
const oursEnv = Object.fromEntries(
  (process.env.BENCH_OURS_ENV ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((pair) => pair.split('=') as [string, string]),
);
const perf = process.env.BENCH_PERF === '1';
const profiled: Record<string, string> = perf ? { NODE_OPTIONS: '--perf-basic-prof' } : {};
const HARNESS_CORE = '0';
const BRIDGE_CORE = '1';
/** Conversations need a few turns before the window opens; a stream needs a moment to settle. */
const WARMUP_MS = { inbound: 2_000, both: 6_000 } as const;
const DRAIN_MS = 1_500;
/** Above this, the harness core was too busy for its figures to be the bridge's. */
const HARNESS_CPU_LIMIT = 0.8;
const root = resolve(import.meta.dirname, '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A process of the bench, pinned to a core, that may answer over IPC. */
class Child {
  readonly process: ChildProcess;
  #waiting: { type: string; resolve: (message: never) => void }[] = [];
  /** Messages that came before anyone asked for them. */
  #unclaimed: { type: string }[] = [];

  constructor(entry: string, core: string, opts: { cwd?: string; env?: Record<string, string> } = {}) {
    this.process = fork(entry, [], {
      cwd: opts.cwd ?? root,
      env: { ...process.env, ...opts.env },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    execFileSync('taskset', ['-a', '-cp', core, String(this.process.pid)], { stdio: 'ignore' });
    // A bench that fails leaves no process of its own behind.
    process.once('exit', () => this.process.kill('SIGKILL'));
    this.process.on('message', (message: { type: string }) => {
      const waiter = this.#waiting.find((w) => w.type === message.type);
      if (!waiter) {
        this.#unclaimed.push(message);
        return;
      }
      this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
      waiter.resolve(message as never);
    });
  }

  get pid(): number {
    return this.process.pid!;
  }

  next<T>(type: string): Promise<T> {
    const early = this.#unclaimed.findIndex((m) => m.type === type);
    if (early >= 0) return Promise.resolve(this.#unclaimed.splice(early, 1)[0] as T);
    return new Promise((resolve) => this.#waiting.push({ type, resolve: resolve as (message: never) => void }));
  }

  ask<T>(command: object, replyType: string): Promise<T> {
    const reply = this.next<T>(replyType);
    this.process.send(command);
    return reply;
  }

  /** Pins again: threads started since (a worker pool) follow. */
  pin(core: string): void {
    execFileSync('taskset', ['-a', '-cp', core, String(this.pid)], { stdio: 'ignore' });
  }

  async stop(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((r) => this.process.once('exit', r));
    this.process.kill('SIGTERM');
    await exited;
  }
}

const listening = async (port: number, timeoutMs = 60_000) => {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const open = await new Promise<boolean>((done) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.end();
        done(true);
      });
      socket.once('error', () => done(false));
    });
    if (open) return;
    await sleep(200);
  }
  throw new Error(`nothing listens on ${port}`);
};

/** Busy time of each core so far (/proc/stat jiffies). */
function coreTimes(): { busy: number; total: number }[] {
  return readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .filter((line) => /^cpu\d+ /.test(line))
    .map((line) => {
      const [user, nice, system, idle, iowait, irq, softirq, steal] = line.split(/\s+/).slice(1, 9).map(Number);
      const busy = user! + nice! + system! + irq! + softirq! + steal!;
      return { busy, total: busy + idle! + iowait! };
    });
}

console.log('bench:bridge');
console.log(
  `  ${new Date().toISOString()}  node ${process.version}  ${cpus().length} cores  load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `  harness (load generator, Realtime simulator) on core ${HARNESS_CORE}, bridge under test on core ${BRIDGE_CORE}; clock CLOCK_MONOTONIC shared by all processes`,
);
console.log(`  ${seconds} s windows, ${rounds} interleaved rounds per level, modes ${modes.join(', ')}`);

const model = new Child('bench/bridge/model.ts', HARNESS_CORE);
const callers = new Child('bench/bridge/callers.ts', HARNESS_CORE);
const { baseUrl, certPath } = await model.next<{ baseUrl: string; certPath: string }>('ready');
await callers.next('ready');
const realtimeUrl = `${baseUrl.replace('https://', 'wss://')}/realtime?model=gpt-realtime`;

const orm = await openOrm(TEST_DATABASE_URL, 4);
const tenant = await createTenant(orm, 'Bench bridge');

interface Contestant {
  name: string;
  child: Child;
  url: string;
  plans(calls: number): Promise<CallPlan[]>;
}

async function startOurs(name: string, dir: string): Promise<Contestant> {
  const port = await freePort();
  const url = `ws://127.0.0.1:${port}/media-stream`;
  const env = testEnv({
    LOG_LEVEL: 'error',
    BRIDGE_PORT: String(port),
    BRIDGE_ADVERTISE_URL: `ws://127.0.0.1:${port}`,
    BRIDGE_INSTANCE_ID: `bench-${name.replace(/[^\w.-]+/g, '_')}-${port}`,
    OPENAI_BASE_URL: baseUrl,
    OPENAI_CA_FILE: certPath,
    ...profiled,
    ...oursEnv,
  });
  const { jwtSecret } = testConfig(env).auth;
  const child = new Child(join(dir, 'bridge/server.ts'), BRIDGE_CORE, { cwd: dir, env });
  await listening(port);
  child.pin(BRIDGE_CORE);
  return {
    name,
    child,
    url,
    plans: async (calls) => {
      const plans: CallPlan[] = [];
      for (let i = 0; i < calls; i++) {
        const callId = crypto.randomUUID();
        await recordCall(orm.em, {
          id: callId,
          organizationId: tenant.organizationId,
          businessId: tenant.businessId,
          direction: 'inbound',
          fromNumber: '+14155550100',
          toNumber: tenant.businessNumber,
        });
        plans.push({ callId, token: await signStreamToken(jwtSecret, { callId, stream: 0 }) });
      }
      return plans;
    },
  };
}

async function startBenchBridge(name: string, entry: string, env: Record<string, string> = {}): Promise<Contestant> {
  const port = await freePort();
  const child = new Child(entry, BRIDGE_CORE, {
    env: { PORT: String(port), REALTIME_URL: realtimeUrl, OPENAI_CA_FILE: certPath, ...profiled, ...env },
  });
  await listening(port);
  child.pin(BRIDGE_CORE);
  return {
    name,
    child,
    url: `ws://127.0.0.1:${port}/media-stream`,
    plans: async (calls) => Array.from({ length: calls }, () => ({ callId: crypto.randomUUID(), token: '' })),
  };
}

const contestants: Contestant[] = [];
for (const name of contestantNames) {
  if (name === 'ours') contestants.push(await startOurs(name, root));
  else if (name.startsWith('ours@')) contestants.push(await startOurs(name, resolve(name.slice(5))));
  // The sample installs `ws` without its optional native helper; the floor gets every advantage.
  else if (name === 'reference')
    contestants.push(await startBenchBridge(name, 'bench/bridge/reference.ts', { WS_NO_BUFFER_UTIL: '1' }));
  else if (name === 'passthrough') contestants.push(await startBenchBridge(name, 'bench/bridge/passthrough.ts'));
  else throw new Error(`unknown contestant ${name}`);
}

// Idle: what each costs with no call at all (imports, its Temporal worker polling, timers).
await sleep(3_000);
const idleFrom = contestants.map((c) => cpuSeconds(c.child.pid));
await sleep(5_000);
console.log('\nidle');
contestants.forEach((c, i) => {
  const cpu = ((cpuSeconds(c.child.pid) - idleFrom[i]!) / 5) * 100;
  console.log(
    `  ${c.name.padEnd(14)} RSS ${(rssBytes(c.child.pid) / 2 ** 20).toFixed(0).padStart(4)} MB  CPU ${cpu.toFixed(2)}%`,
  );
});

interface Tally {
  frames: number;
  stampedSent: number;
  stampedHeard: number;
  cpu: number;
  windowSeconds: number;
  rssPerCall: number[];
  inbound: number[];
  turnStarts: number[];
  outbound: number[];
  replyOverhead: number[];
  bargeIn: number[];
  harnessCpu: number;
  sendLateP99: number;
  modelDelayP99: number;
  callersDelayP99: number;
  bridgeCoreOthers: number;
  clears: number;
}

const emptyTally = (): Tally => ({
  frames: 0,
  stampedSent: 0,
  stampedHeard: 0,
  cpu: 0,
  windowSeconds: 0,
  rssPerCall: [],
  inbound: [],
  turnStarts: [],
  outbound: [],
  replyOverhead: [],
  bargeIn: [],
  harnessCpu: 0,
  sendLateP99: 0,
  modelDelayP99: 0,
  callersDelayP99: 0,
  bridgeCoreOthers: 0,
  clears: 0,
});

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** Samples a process's stacks, kernel included, for the rest of the window. */
function record(pid: number, file: string): Promise<void> {
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  const args = ['record', '-F', '499', '-g', '-p', String(pid), '-o', join(root, 'bench/results', file)];
  const recorder = spawn('perf', [...args, '--', 'sleep', String(seconds - 0.5)], { stdio: 'ignore' });
  return new Promise((done) => recorder.once('exit', () => done()));
}

const openSessions = async () => (await model.ask<{ open: number }>({ type: 'sessions' }, 'sessions')).open;

async function round(contestant: Contestant, calls: number, mode: Mode, tally: Tally): Promise<void> {
  const plans = await contestant.plans(calls);
  const pid = contestant.child.pid;
  const rssBefore = rssBytes(pid);
  const signature = twilio.getExpectedTwilioSignature(TEST_TWILIO_AUTH_TOKEN, contestant.url, {});
  await callers.ask({ type: 'open', url: contestant.url, signature, calls: plans, mode }, 'opened');
  await until(async () => (await openSessions()) >= calls, 60_000 + calls * 1_000, `${calls} Realtime sessions`);
  await sleep(WARMUP_MS[mode]);
  // Far enough ahead that a harness running late still opens its window before it starts.
  const from = monotonicMs() + 1_000;
  const to = from + seconds * 1000;
  callers.process.send({ type: 'window', from, to });
  model.process.send({ type: 'window', from, to });
  await sleep(from - monotonicMs());
  const pids = [pid, callers.pid, model.pid];
  const cpuFrom = pids.map(cpuSeconds);
  const coresFrom = coreTimes();
  const recording = perf
    ? record(pid, `perf-${contestant.name.replace(/\W+/g, '_')}-${mode}-${calls}.data`)
    : undefined;
  await sleep(to - monotonicMs());
  await recording;
  const cpuTo = pids.map(cpuSeconds);
  const coresTo = coreTimes();
  const rss = rssBytes(pid);
  await sleep(DRAIN_MS);
  const [heard, sent] = await Promise.all([
    model.ask<ModelReport>({ type: 'report' }, 'report'),
    callers.ask<CallersReport>({ type: 'report' }, 'report'),
  ]);
  await callers.ask({ type: 'close' }, 'closed');
  await until(async () => (await openSessions()) === 0, 30_000, 'sessions to close');
  await sleep(500);

  const [bridgeCpu, callersCpu, modelCpu] = pids.map((_, i) => cpuTo[i]! - cpuFrom[i]!);
  const core = Number(BRIDGE_CORE);
  const bridgeCoreBusy =
    (coresTo[core]!.busy - coresFrom[core]!.busy) / (coresTo[core]!.total - coresFrom[core]!.total);
  tally.frames += sent.framesSent;
  tally.stampedSent += sent.stampedSent;
  tally.stampedHeard += heard.stampedHeard;
  tally.cpu += bridgeCpu!;
  tally.windowSeconds += seconds;
  tally.rssPerCall.push((rss - rssBefore) / calls);
  tally.inbound.push(...heard.inbound);
  tally.turnStarts.push(...heard.turnStarts);
  tally.outbound.push(...sent.outbound);
  tally.replyOverhead.push(...sent.replyOverhead);
  tally.bargeIn.push(...sent.bargeIn);
  tally.clears += sent.clears;
  tally.harnessCpu = Math.max(tally.harnessCpu, (callersCpu! + modelCpu!) / seconds);
  tally.sendLateP99 = Math.max(tally.sendLateP99, sent.sendLateP99);
  tally.modelDelayP99 = Math.max(tally.modelDelayP99, heard.loopDelayP99);
  tally.callersDelayP99 = Math.max(tally.callersDelayP99, sent.loopDelayP99);
  tally.bridgeCoreOthers = Math.max(tally.bridgeCoreOthers, bridgeCoreBusy - bridgeCpu! / seconds);
}

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(2).padStart(7) : '     - ');
const results: object[] = [];

for (const mode of modes) {
  for (const calls of levels) {
    const tallies = new Map(contestants.map((c) => [c.name, emptyTally()]));
    for (let r = 0; r < rounds; r++) {
      // Each round starts with the next contestant, so none always runs first or last.
      const order = contestants.map((_, i) => contestants[(i + r) % contestants.length]!);
      for (const contestant of order) await round(contestant, calls, mode, tallies.get(contestant.name)!);
    }
    const reference = tallies.get('reference');
    const perFrame = (t: Tally) => (t.cpu * 1e6) / t.frames;
    console.log(
      `\n${mode}, ${calls} calls (${(calls * 1000) / FRAME_MS} frames/s offered), ${rounds} × ${seconds} s; latencies in ms`,
    );
    const bothHeader =
      mode === 'both' ? '  out p50  out p99  reply p50  reply p99  barge p50  barge p99  start p99' : '';
    console.log(
      `  contestant      µs/frame  calls/core  vs ref   in p50   in p99  RSS/call  lost${bothHeader}  | harness CPU  send late p99  model late p99  others on bridge core  limit`,
    );
    for (const contestant of contestants) {
      const t = tallies.get(contestant.name)!;
      const callsPerCore = (t.frames * FRAME_MS) / 1000 / t.windowSeconds / (t.cpu / t.windowSeconds);
      const inbound = percentiles(t.inbound);
      const harnessLimited =
        t.harnessCpu >= HARNESS_CPU_LIMIT
          ? `harness CPU ${(t.harnessCpu * 100).toFixed(0)}%`
          : t.sendLateP99 >= FRAME_MS
            ? 'harness sent late'
            : t.modelDelayP99 >= inbound.p99 / 2
              ? 'harness ran late'
              : undefined;
      const latency = (values: number[], q: 'p50' | 'p99') =>
        harnessLimited ? '   (n/a)' : ms(values.length ? percentiles(values)[q] : Number.NaN);
      const vsRef = reference ? (perFrame(reference) / perFrame(t)).toFixed(2).padStart(5) : '    -';
      const rssPerCall = [...t.rssPerCall].sort((a, b) => a - b)[Math.floor(t.rssPerCall.length / 2)]!;
      const both =
        mode === 'both'
          ? `${latency(t.outbound, 'p50')}  ${latency(t.outbound, 'p99')}    ${latency(t.replyOverhead, 'p50')}    ${latency(t.replyOverhead, 'p99')}    ${latency(t.bargeIn, 'p50')}    ${latency(t.bargeIn, 'p99')}    ${latency(t.turnStarts, 'p99')}`
          : '';
      console.log(
        `  ${contestant.name.padEnd(14)}  ${perFrame(t).toFixed(1).padStart(8)}  ${callsPerCore.toFixed(0).padStart(10)}  ${vsRef}×  ${latency(t.inbound, 'p50')}  ${latency(t.inbound, 'p99')}  ${(rssPerCall / 1024).toFixed(0).padStart(5)} KB  ${String(t.stampedSent - t.stampedHeard).padStart(4)}${both}  |  ${(t.harnessCpu * 100).toFixed(0).padStart(8)}%  ${ms(t.sendLateP99)}        ${ms(t.modelDelayP99)}         ${(Math.max(0, t.bridgeCoreOthers) * 100).toFixed(0).padStart(6)}%          ${harnessLimited ?? 'bridge'}`,
      );
      results.push({
        mode,
        calls,
        contestant: contestant.name,
        cpuMicrosPerFrame: perFrame(t),
        callsPerCore,
        inbound,
        turnStarts: percentiles(t.turnStarts),
        outbound: percentiles(t.outbound),
        replyOverhead: percentiles(t.replyOverhead),
        bargeIn: percentiles(t.bargeIn),
        rssPerCall,
        framesLost: t.stampedSent - t.stampedHeard,
        clears: t.clears,
        harnessCpu: t.harnessCpu,
        sendLateP99: t.sendLateP99,
        modelDelayP99: t.modelDelayP99,
        harnessLimited: harnessLimited ?? null,
      });
    }
  }
}

mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/bridge.json'), `${JSON.stringify({ at: new Date(), results }, null, 2)}\n`);
console.log(
  `\nload average at the end ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
await Promise.all([...contestants.map((c) => c.child.stop()), callers.stop(), model.stop()]);
await orm.close();
