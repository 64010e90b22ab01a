import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Call, TranscriptLine } from '../../db/entities/index.ts';
import { type RealtimeSimulator, startRealtimeSimulator } from '../../scripts/simulators/realtime.ts';
import { NATURAL_MS_PER_CHARACTER, setSpeechPace } from '../../scripts/simulators/speech.ts';
import type { SimulatedCall } from '../../scripts/simulators/telephony.ts';
import { simulatorTls } from '../../scripts/simulators/tls.ts';
import type { CallWorkflowResult } from '../../workflows/definitions/call.ts';
import { testConfig, testEnv } from './env.ts';
import { startGateway, type TestGateway } from './gateway.ts';
import { graphql } from './graphql.ts';
import { freePort } from './ports.ts';
import { type RunningProcess, startProcess } from './processes.ts';
import { startTelephony } from './telephony.ts';
import { createTenant, login, type Tenant } from './tenants.ts';

/** A speaking pace three times a person's: a call of a few exchanges takes seconds. */
export const FAST_SPEECH = 18;

export interface CallStack {
  telephony: Awaited<ReturnType<typeof startTelephony>>;
  realtime: RealtimeSimulator;
  gateway: TestGateway;
  /** The environment the worker and bridges run with. */
  env: Record<string, string>;
  worker: RunningProcess;
  bridges: { process: RunningProcess; url: string }[];
  tenant: Tenant;
  /** A supervisor's access token. */
  token: string;
  startWorker(): Promise<RunningProcess>;
  stop(): Promise<void>;
}

/**
 * The whole live-call path, real processes over real sockets: the telephony and Realtime
 * simulators, the gateway (in this process), a worker, and `bridges` bridge processes that the
 * gateway streams to in order (the first healthy one). `bridgeEnv` adds settings per bridge, `env`
 * settings for every process.
 */
export async function startCallStack(
  label: string,
  opts: {
    bridges?: number;
    bridgeEnv?: Record<string, string>[];
    env?: Record<string, string>;
    /** The API keys the Realtime simulator accepts (any, when left out). */
    realtimeKeys?: string[];
    /**
     * How fast the simulated caller and model talk, in ms per character: natural when left out;
     * FAST_SPEECH where a test's calls need not last as long as people's.
     */
    speechMsPerCharacter?: number;
  } = {},
): Promise<CallStack> {
  setSpeechPace(opts.speechMsPerCharacter ?? NATURAL_MS_PER_CHARACTER);
  const tls = simulatorTls(join(tmpdir(), 'callplatform-test-tls'));
  const realtime = await startRealtimeSimulator({ tls, ...(opts.realtimeKeys && { apiKeys: opts.realtimeKeys }) });
  const telephony = await startTelephony();
  const ports = await Promise.all(Array.from({ length: opts.bridges ?? 1 }, () => freePort()));
  const urls = ports.map((port) => `ws://127.0.0.1:${port}`);
  const env = testEnv({
    ...telephony.env,
    OPENAI_BASE_URL: realtime.baseUrl,
    OPENAI_CA_FILE: tls.certPath,
    BRIDGE_PUBLIC_URL: urls.join(','),
    ...opts.env,
  });
  const gateway = await startGateway(testConfig(env));
  const startWorker = async () => {
    const worker = startProcess('worker.ts', { ...env, PUBLIC_URL: gateway.url });
    await worker.waitForLog('worker started');
    return worker;
  };
  const bridges = ports.map((port, i) => ({
    url: urls[i] as string,
    process: startProcess('bridge/server.ts', {
      ...env,
      BRIDGE_PORT: String(port),
      BRIDGE_ADVERTISE_URL: urls[i] as string,
      BRIDGE_INSTANCE_ID: `test-bridge-${i}-${port}`,
      ...opts.bridgeEnv?.[i],
    }),
  }));
  const [worker] = await Promise.all([startWorker(), ...bridges.map((b) => b.process.waitForLog('bridge listening'))]);
  const tenant = await createTenant(gateway.orm, label);
  const token = (await login(gateway.url, tenant.emails.supervisor)).accessToken;
  const stack: CallStack = {
    telephony,
    realtime,
    gateway,
    env,
    worker,
    bridges,
    tenant,
    token,
    startWorker,
    stop: async () => {
      await stack.gateway.stop();
      await stack.worker.stop();
      await Promise.all(bridges.map((b) => b.process.stop()));
      await telephony.sim.stop();
      await realtime.stop();
    },
  };
  return stack;
}

const START_CALL = `mutation ($i: StartCallInput!) {
  startCall(input: $i) { __typename ... on MutationStartCallSuccess { data { id workflowId } } ... on Error { message } }
}`;

/** Places an outbound call through the API; returns its ids. */
export async function placeCall(stack: CallStack, toNumber: string, businessId = stack.tenant.businessId) {
  const started = await graphql(stack.gateway.url, START_CALL, { i: { businessId, toNumber } }, stack.token);
  if (started.data?.startCall.__typename !== 'MutationStartCallSuccess') {
    throw new Error(`startCall failed: ${JSON.stringify(started)}`);
  }
  return started.data.startCall.data as { id: string; workflowId: string };
}

export interface FinishedCall {
  id: string;
  result: CallWorkflowResult;
  call: Call;
  lines: TranscriptLine[];
  simulated: SimulatedCall;
}

/** Waits for a call's workflow to finish; returns the call as recorded and as the simulator saw it. */
export async function finishedCall(stack: CallStack, id: string): Promise<FinishedCall> {
  const { gateway } = stack;
  const result = (await gateway.temporal.workflow.getHandle(`call-${id}`).result()) as CallWorkflowResult;
  const call = await gateway.orm.em.fork().findOneOrFail(Call, id);
  const lines = await gateway.orm.em.fork().find(TranscriptLine, { call: id }, { orderBy: { sequence: 'asc' } });
  const simulated = stack.telephony.sim.calls.get(call.twilioCallSid!)!;
  return { id, result, call, lines, simulated };
}
