/**
 * The failure drill: simulated calls through every process run on its own (gateway, worker, bridge),
 * with kill -9 of each in turn while the calls are live, and a supervisor's browser following every
 * call's events through the gateway (resuming from its last cursor when the gateway comes back).
 * Used by test/platform/kill-drill.test.ts and `npm run bench:drill`.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Call, TranscriptLine } from '../../db/entities/index.ts';
import { type Orm, openOrm } from '../../db/orm.ts';
import { startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import { type CallWorkflowResult, callWorkflowId } from '../../workflows/definitions/call.ts';
import { TEST_DATABASE_URL, testConfig, testEnv } from './env.ts';
import { graphql, wsClient } from './graphql.ts';
import { freePort } from './ports.ts';
import { type RunningProcess, startProcess } from './processes.ts';
import { startTelephony } from './telephony.ts';
import { testDataConverter } from './temporal.ts';
import { createTenant, login } from './tenants.ts';

export type DrillProcess = 'worker' | 'bridge' | 'gateway';

export interface DrillOptions {
  calls: number;
  /** Who dies when (ms after the calls were placed), and how long it stays down. */
  kills: { process: DrillProcess; atMs: number; downMs: number }[];
  /** Spread the calls' starts over this long. */
  placeOverMs?: number;
  log?: (line: string) => void;
}

export interface DrilledCall {
  id: string;
  status: string;
  endReason: string;
  /** The caller said all its lines and each was stored. */
  whole: boolean;
  /** What the caller said that was not stored (spoken into a stream that died). */
  unheard: string[];
  storedLines: number;
  /** Sequences without gaps, each line once. */
  numberedOnce: boolean;
  /** Transcript events in the log whose line is not stored, or stored lines with no event or more than one. */
  publishedOnce: boolean;
  /** Stored lines the subscriber never received, and lines it received twice. */
  missedLive: number;
  duplicatedLive: number;
}

export interface DrillReport {
  calls: DrilledCall[];
  /** Kill of the worker to the first transcript line the workflows stored after it (the new worker's first write). */
  workerStallMs: number | undefined;
  /** Of that, the time the new worker took to start. */
  workerRestartMs: number | undefined;
}

const COOPERATIVE = '+15550100000';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runDrill(options: DrillOptions): Promise<DrillReport> {
  const log = options.log ?? (() => undefined);
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  const realtime = await startRealtimeSimulator({ tls });
  const telephony = await startTelephony();
  const [gatewayPort, bridgePort] = await Promise.all([freePort(), freePort()]);
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const bridgeUrl = `ws://127.0.0.1:${bridgePort}`;
  const env = testEnv({
    ...telephony.env,
    OPENAI_BASE_URL: realtime.baseUrl,
    OPENAI_CA_FILE: tls.certPath,
    BRIDGE_PUBLIC_URL: bridgeUrl,
    GATEWAY_PORT: String(gatewayPort),
    PUBLIC_URL: gatewayUrl,
    CALL_STREAM_RECOVERY_SECONDS: '30',
  });
  const config = testConfig(env);
  const orm: Orm = await openOrm(TEST_DATABASE_URL, 4);
  const connection = await Connection.connect({ address: config.temporal.address });
  const temporal = new Client({
    connection,
    namespace: config.temporal.namespace,
    dataConverter: testDataConverter(orm),
  });
  const starters: Record<DrillProcess, () => RunningProcess> = {
    gateway: () => startProcess('gateway/server.ts', env),
    worker: () => startProcess('worker.ts', env),
    bridge: () =>
      startProcess('bridge/server.ts', {
        ...env,
        BRIDGE_PORT: String(bridgePort),
        BRIDGE_ADVERTISE_URL: bridgeUrl,
        BRIDGE_INSTANCE_ID: `drill-bridge-${bridgePort}-${Date.now()}`,
      }),
  };
  const ready: Record<DrillProcess, string> = {
    gateway: 'gateway listening',
    worker: 'worker started',
    bridge: 'bridge listening',
  };
  const running = {} as Record<DrillProcess, RunningProcess>;
  const start = async (name: DrillProcess) => {
    running[name] = starters[name]();
    await running[name].waitForLog(ready[name], 90_000);
  };
  await Promise.all((['gateway', 'worker', 'bridge'] as const).map(start));

  const tenant = await createTenant(orm, 'Drill');
  const token = (await login(gatewayUrl, tenant.emails.supervisor)).accessToken;
  const received = new Map<string, Map<string, number>>();
  const follow = followEvents(gatewayUrl, token, received);

  const ids: string[] = [];
  const spread = (options.placeOverMs ?? 2_000) / Math.max(1, options.calls);
  for (let i = 0; i < options.calls; i++) {
    const started = await graphql(
      gatewayUrl,
      'mutation ($i: StartCallInput!) { startCall(input: $i) { ... on MutationStartCallSuccess { data { id } } } }',
      { i: { businessId: tenant.businessId, toNumber: COOPERATIVE } },
      token,
    );
    const id = started.data?.startCall.data.id as string;
    ids.push(id);
    follow.watch(id);
    await sleep(spread);
  }
  log(`placed ${ids.length} calls`);

  const placedAt = Date.now();
  let workerKilledAt: number | undefined;
  let workerBackAt: number | undefined;
  for (const kill of [...options.kills].sort((a, b) => a.atMs - b.atMs)) {
    await sleep(Math.max(0, placedAt + kill.atMs - Date.now()));
    running[kill.process].child.kill('SIGKILL');
    if (kill.process === 'worker') workerKilledAt = Date.now();
    log(`killed the ${kill.process} at ${Date.now() - placedAt} ms`);
    if (kill.process === 'gateway') follow.pause();
    await sleep(kill.downMs);
    await start(kill.process);
    if (kill.process === 'gateway') follow.resume();
    if (kill.process === 'worker') workerBackAt = Date.now();
    log(`${kill.process} back at ${Date.now() - placedAt} ms`);
  }

  const results = await Promise.all(
    ids.map((id) => temporal.workflow.getHandle(callWorkflowId(id)).result() as Promise<CallWorkflowResult>),
  );
  await sleep(2_000);
  await follow.stop();

  const calls: DrilledCall[] = [];
  for (const [i, id] of ids.entries()) {
    const em = orm.em.fork();
    const row = await em.findOneOrFail(Call, id);
    const lines = await em.find(TranscriptLine, { call: id }, { orderBy: { sequence: 'asc' } });
    const simulated = telephony.sim.calls.get(row.twilioCallSid ?? '');
    const events = await em.execute<{ text: string; n: string }[]>(
      `select payload->'line'->>'text' as text, count(*)::text as n from event_log
        where topic = 'call' and key = ? and payload->>'type' = 'transcript' group by 1`,
      [id],
    );
    const publishedByText = new Map(events.map((e) => [e.text, Number(e.n)]));
    const live = received.get(id) ?? new Map<string, number>();
    const storedTexts = lines.map((l) => l.text);
    calls.push({
      id,
      status: results[i]!.status,
      endReason: results[i]!.endReason,
      whole:
        simulated !== undefined &&
        simulated.said.length === 3 &&
        simulated.said.every((said) => lines.some((l) => l.speaker === 'customer' && l.text === said)),
      unheard: (simulated?.said ?? []).filter(
        (said) => !lines.some((l) => l.speaker === 'customer' && l.text === said),
      ),
      storedLines: lines.length,
      numberedOnce: lines.every((l, n) => l.sequence === n) && new Set(storedTexts).size === storedTexts.length,
      publishedOnce:
        storedTexts.every((text) => publishedByText.get(text) === 1) &&
        [...publishedByText.keys()].every((text) => storedTexts.includes(text)),
      missedLive: storedTexts.filter((text) => !live.has(text)).length,
      duplicatedLive: [...live.values()].filter((n) => n > 1).length,
    });
  }
  let workerStallMs: number | undefined;
  if (workerKilledAt !== undefined) {
    const [first] = await orm.em
      .fork()
      .execute<{ at: Date }[]>(
        `select min(created_at) as at from call_interaction where call_id in (${ids.map(() => '?').join(',')}) and created_at > ?`,
        [...ids, new Date(workerKilledAt + 1)],
      );
    workerStallMs = first?.at ? new Date(first.at).getTime() - workerKilledAt : undefined;
  }

  for (const name of ['gateway', 'worker', 'bridge'] as const) await running[name].stop();
  await telephony.sim.stop();
  await realtime.stop();
  await connection.close();
  await orm.close();
  const workerRestartMs = workerKilledAt && workerBackAt ? workerBackAt - workerKilledAt : undefined;
  return { calls, workerStallMs, workerRestartMs };
}

/**
 * A supervisor following each call's events over graphql-ws; when the gateway goes away it resumes
 * every subscription from the last cursor it got. Counts the transcript lines received, by text.
 */
function followEvents(gatewayUrl: string, token: string, received: Map<string, Map<string, number>>) {
  const cursors = new Map<string, string>();
  const seenIds = new Set<string>();
  let client = wsClient(gatewayUrl, token);
  const stops: (() => void)[] = [];
  const subscribe = (callId: string) => {
    stops.push(
      client.subscribe<{ callEvents: { cursor: string; type: string; line: { text: string } | null } }>(
        {
          query: `subscription ($id: ID!, $after: String) { callEvents(callId: $id, after: $after) {
            cursor type line { text } } }`,
          variables: { id: callId, after: cursors.get(callId) ?? '0' },
        },
        {
          next: ({ data }) => {
            const event = data?.callEvents;
            if (!event || seenIds.has(event.cursor)) return;
            seenIds.add(event.cursor);
            cursors.set(callId, event.cursor);
            if (event.type !== 'TRANSCRIPT' || !event.line) return;
            const lines = received.get(callId) ?? new Map<string, number>();
            lines.set(event.line.text, (lines.get(event.line.text) ?? 0) + 1);
            received.set(callId, lines);
          },
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    );
  };
  const watched: string[] = [];
  return {
    watch(callId: string) {
      watched.push(callId);
      subscribe(callId);
    },
    pause() {
      for (const stop of stops.splice(0)) stop();
      void client.dispose();
    },
    resume() {
      client = wsClient(gatewayUrl, token);
      for (const callId of watched) subscribe(callId);
    },
    async stop() {
      for (const stop of stops.splice(0)) stop();
      await client.dispose();
    },
  };
}
