/**
 * The fast layer of workflow tests: the real workflows on the real Temporal dev server, with
 * activities replaced by recording stubs, one worker per test file on a task queue of its own.
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import { Encryption } from '../../../lib/encryption.ts';
import { OrganizationPayloadCodec } from '../../../lib/payload-codec.ts';
import { DEFAULT_QUALITY_SETTINGS } from '../../../quality/settings.ts';
import { testConfig, testEnv } from '../../support/env.ts';
import { quietTemporalRuntime } from '../../support/temporal.ts';

const workflowsPath = fileURLToPath(new URL('../../../workflows/index.ts', import.meta.url));

/** Every activity call a stub received, in order. */
export interface ActivityCall {
  name: string;
  input: unknown;
}

// biome-ignore lint/suspicious/noExplicitAny: stubs take whatever the workflow sends
export type Stubs = Record<string, (input: any) => Promise<unknown>>;

export interface WorkflowHarness {
  client: Client;
  taskQueue: string;
  calls: ActivityCall[];
  /** Replaces (or adds) stubs for the next workflows this worker runs. */
  stub(overrides: Stubs): void;
  /** The activity calls named `name`, in order. */
  callsOf(name: string): unknown[];
  /** Runs a second worker on another task queue (a bridge's own queue), with its own stubs. */
  activityWorker(taskQueue: string, stubs: Stubs): Promise<void>;
  stop(): Promise<void>;
}

/** Stubs for every activity the call, escalation, campaign, retention and subject-request workflows use: each succeeds and records itself. */
export function defaultStubs(): Stubs {
  const ok = async () => undefined;
  return {
    recordCall: ok,
    planCallQuality: async () => ({ settings: DEFAULT_QUALITY_SETTINGS, handoffNumber: null }),
    setCallStatus: async () => ({ changed: true }),
    dialOutbound: async () => ({ callSid: `CA${randomUUID().replaceAll('-', '')}` }),
    appendTranscript: ok,
    recordTranscript: async (input: { rolling: number | null }) => ({ rolling: input.rolling, customer: [] }),
    scoreCallQa: async () => ({ score: 1 }),
    recordAnsweredBy: ok,
    leaveVoicemail: ok,
    hangUp: ok,
    callStatus: async () => ({ status: 'ringing' }),
    transferCall: ok,
    openEscalation: async () => ({ canRoute: true, priority: 'normal' }),
    offerEscalation: async () => null,
    settleOffer: ok,
    closeEscalation: ok,
    transferBrief: async () => ({ summary: 'The caller needs help.', agentNumber: '+15550200001', agentName: 'Sam' }),
    dialAgentIntoConference: async () => ({ agentCallSid: 'CA-agent-leg' }),
    conferenceParticipants: async () => [],
    moveCallerIntoConference: ok,
    markConnected: ok,
    analyzeCall: async () => ({ source: 'llm', outcome: 'resolved' }),
    extractCallData: async () => null,
    scoreAdversarialCaller: async () => ({ score: 0, flagged: false }),
    completeCallAnalysis: ok,
    missingCallFields: async () => null,
    attemptWebhookDelivery: async () => ({ outcome: 'delivered', statusCode: 200 }),
    readCampaignPlan: async () => ({
      status: 'running',
      startAt: null,
      endAt: null,
      callsPerMinute: 60,
      maxConcurrentCalls: 1,
    }),
    setCampaignStatus: async (input: { status: string }) => input.status,
    decideDials: async () => ({ dials: [], held: 0, decided: 0, decisionMs: 0 }),
    settleCalls: async (input: { calls: { callId: string }[] }) => ({ settled: input.calls.map((c) => c.callId) }),
    recordCampaignProgress: async () => null,
    remainingContacts: async () => ({ open: 0, nextDueAt: null }),
    planRetention: async () => null,
    purgeRetentionBatch: async () => ({ removed: {}, more: false }),
    recordRetentionRun: ok,
    writePersonArchive: async () => ({ calls: 0 }),
    failPersonRequest: ok,
    failExport: ok,
    expireExport: ok,
    erasePersonCalls: async () => ({ erased: 0 }),
    erasePersonContacts: async () => ({ erased: 0 }),
    erasePersonExports: async () => ({ erased: 0 }),
    addPersonToDoNotCall: ok,
    deletePersonWorkflows: async () => ({ remaining: 0 }),
    completePersonErasure: ok,
  };
}

/**
 * `taskQueue`: a queue another harness served before (a worker that died, replaced by this one).
 * `codec: false`: worker and client as they were before the payload codec was deployed.
 */
export async function startWorkflowHarness(
  options: { taskQueue?: string; codec?: boolean } = {},
): Promise<WorkflowHarness> {
  quietTemporalRuntime();
  const config = testConfig(testEnv());
  const taskQueue = options.taskQueue ?? `workflow-test-${randomUUID()}`;
  const calls: ActivityCall[] = [];
  let stubs = defaultStubs();
  /** Activities by the stubs' names, each recording its call and running whatever stub is current. */
  const recorded = (names: string[], current: () => Stubs): Stubs =>
    Object.fromEntries(
      names.map((name) => [
        name,
        async (input: unknown) => {
          calls.push({ name, input });
          return current()[name]!(input);
        },
      ]),
    );
  // The real codec; without a database, a workflow's owner is the organisation its input names.
  const dataConverter = {
    payloadCodecs:
      options.codec === false
        ? []
        : [new OrganizationPayloadCodec(new Encryption(config.encryption.keys), async () => undefined)],
  };
  const connection = await NativeConnection.connect({ address: config.temporal.address });
  const workers: { worker: Worker; running: Promise<void> }[] = [];
  const run = async (queue: string, activities: Stubs, withWorkflows: boolean) => {
    const worker = await Worker.create({
      connection,
      namespace: config.temporal.namespace,
      taskQueue: queue,
      dataConverter,
      activities,
      ...(withWorkflows && { workflowsPath }),
    });
    workers.push({ worker, running: worker.run() });
  };
  await run(
    taskQueue,
    recorded(Object.keys(stubs), () => stubs),
    true,
  );
  const clientConnection = await Connection.connect({ address: config.temporal.address });
  const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace, dataConverter });
  return {
    client,
    taskQueue,
    calls,
    stub(overrides) {
      stubs = { ...stubs, ...overrides };
    },
    callsOf: (name) => calls.filter((call) => call.name === name).map((call) => call.input),
    activityWorker: (queue, queueStubs) =>
      run(
        queue,
        recorded(Object.keys(queueStubs), () => queueStubs),
        false,
      ),
    stop: async () => {
      for (const { worker } of workers) worker.shutdown();
      await Promise.all(workers.map(({ running }) => running));
      await clientConnection.close();
      await connection.close();
    },
  };
}
