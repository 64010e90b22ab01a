import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { WorkflowHandle } from '@temporalio/client';
import { type CallWorkflowInput, callWorkflowId, twilioStatusSignal } from '../../workflows/definitions/call.ts';
import {
  CAMPAIGN_WORKFLOW_TYPE,
  type CampaignPlan,
  type CampaignWorkflow,
  type CampaignWorkflowInput,
  campaignProgressQuery,
  campaignWorkflowId,
  cancelCampaignUpdate,
  pauseCampaignUpdate,
  resumeCampaignUpdate,
} from '../../workflows/definitions/campaign.ts';
import { until } from '../support/wait.ts';
import { startWorkflowHarness, type WorkflowHarness } from './support/worker.ts';

/**
 * The campaign workflow on its own: the real campaign and call workflows on the dev server, their
 * activities stubbed. A contact book stands in for Postgres (what is due, what each call came to)
 * and a phone network for Twilio (each dialled number answers, is busy or rings out, as the test
 * says), so pacing, the concurrency cap, retries, pause, resume, cancel and continue-as-new show
 * here as workflow behaviour.
 */
let harness: WorkflowHarness;

type Outcome = 'completed' | 'busy' | 'no-answer';
interface Contact {
  id: string;
  phone: string;
  status: 'pending' | 'dialling' | 'retry_scheduled' | 'done';
  attempts: number;
  dueAt: number;
  lastCallId: string | null;
}
interface Book {
  plan: CampaignPlan;
  contacts: Contact[];
  statuses: string[];
  /** When the campaign placed calls, and how many at once. */
  placed: { at: number; count: number }[];
  /** How long until a busy or unanswered contact is due again. */
  retryAfterMs: number;
  maxAttempts: number;
}
const books = new Map<string, Book>();

/** The phone network: what each number does on each attempt, and every dial and hang-up with its time. */
const network = {
  script: new Map<string, Outcome[]>(),
  /** How long an answered call lasts before the callee hangs up. */
  talkMs: 600,
  dials: [] as { at: number; to: string; callId: string; campaignId: string }[],
  live: new Set<string>(),
  ended: new Map<string, Outcome>(),
  /** The most calls up at once, per campaign. */
  peak: new Map<string, number>(),
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function runCall(call: CallWorkflowInput, campaignId: string) {
  const attempt = network.dials.filter((d) => d.to === call.toNumber).length;
  network.dials.push({ at: Date.now(), to: call.toNumber, callId: call.callId, campaignId });
  network.live.add(call.callId);
  const upNow = [...network.live].filter((id) => network.dials.find((d) => d.callId === id)?.campaignId === campaignId);
  network.peak.set(campaignId, Math.max(network.peak.get(campaignId) ?? 0, upNow.length));
  const outcome = network.script.get(call.toNumber)?.[attempt] ?? 'completed';
  const handle = harness.client.workflow.getHandle(callWorkflowId(call.callId));
  const status = (s: string, n: number) =>
    handle.signal(twilioStatusSignal, { callSid: `CA${call.callId}`, status: s, sequenceNumber: n });
  await sleep(50);
  await status('ringing', 1);
  if (outcome === 'completed') {
    await status('in-progress', 2);
    await sleep(network.talkMs);
  }
  network.live.delete(call.callId);
  network.ended.set(call.callId, outcome);
  await status(outcome, 3);
}

/** Stubs over the contact book: the campaign activities as Postgres would answer them. */
function campaignStubs() {
  const book = (campaignId: string) => books.get(campaignId)!;
  const due = (b: Book, now: number) =>
    b.contacts.filter((c) => (c.status === 'pending' || c.status === 'retry_scheduled') && c.dueAt <= now);
  return {
    readCampaignPlan: async ({ campaignId }: { campaignId: string }) => ({ ...book(campaignId).plan }),
    setCampaignStatus: async ({ campaignId, status }: { campaignId: string; status: string }) => {
      book(campaignId).statuses.push(status);
      return status;
    },
    decideDials: async ({ campaignId, callIds }: { campaignId: string; callIds: string[] }) => {
      const b = book(campaignId);
      const dial = (c: Contact) => ({
        contactId: c.id,
        businessName: 'Test business',
        call: {
          callId: c.lastCallId!,
          organizationId: randomUUID(),
          businessId: randomUUID(),
          direction: 'outbound' as const,
          fromNumber: '+15550109999',
          toNumber: c.phone,
          ringTimeoutSeconds: 30,
          maxDurationSeconds: 600,
          campaignId,
          campaignContactId: c.id,
        },
      });
      const recorded = b.contacts.filter((c) => c.lastCallId && callIds.includes(c.lastCallId));
      if (recorded.length) return { dials: recorded.map(dial), held: 0, decided: 0, decisionMs: 0 };
      const picked = due(b, Date.now()).slice(0, callIds.length);
      for (const [i, c] of picked.entries()) {
        Object.assign(c, { status: 'dialling', attempts: c.attempts + 1, lastCallId: callIds[i] });
      }
      if (picked.length) b.placed.push({ at: Date.now(), count: picked.length });
      return { dials: picked.map(dial), held: 0, decided: picked.length, decisionMs: 1 };
    },
    settleCalls: async ({ campaignId, calls }: { campaignId: string; calls: { callId: string }[] }) => {
      const b = book(campaignId);
      const settled: string[] = [];
      for (const { callId } of calls) {
        const outcome = network.ended.get(callId);
        if (!outcome) continue;
        settled.push(callId);
        const contact = b.contacts.find((c) => c.lastCallId === callId && c.status === 'dialling');
        if (!contact) continue;
        const retry = outcome !== 'completed' && contact.attempts < b.maxAttempts;
        Object.assign(contact, { status: retry ? 'retry_scheduled' : 'done', dueAt: Date.now() + b.retryAfterMs });
      }
      return { settled };
    },
    recordCampaignProgress: async () => null,
    remainingContacts: async ({ campaignId }: { campaignId: string }) => {
      const open = book(campaignId).contacts.filter((c) => c.status === 'pending' || c.status === 'retry_scheduled');
      const next = Math.min(...open.map((c) => c.dueAt));
      return { open: open.length, nextDueAt: open.length ? new Date(next).toISOString() : null };
    },
    dialOutbound: async (call: CallWorkflowInput & { to: string }) => {
      const dialled = network.dials.find((d) => d.callId === call.callId);
      if (!dialled) {
        const campaignId = [...books.keys()].find((id) =>
          books.get(id)!.contacts.some((c) => c.lastCallId === call.callId),
        )!;
        void runCall({ ...call, toNumber: call.to }, campaignId);
      }
      return { callSid: `CA${call.callId}` };
    },
  };
}

beforeAll(async () => {
  harness = await startWorkflowHarness();
  harness.stub(campaignStubs());
});
afterAll(async () => {
  await harness?.stop();
});

function newCampaign(
  size: number,
  plan: Partial<CampaignPlan> = {},
  book: Partial<Pick<Book, 'retryAfterMs' | 'maxAttempts'>> = {},
): { input: CampaignWorkflowInput; book: Book; phones: string[] } {
  const campaignId = randomUUID();
  const phones = Array.from({ length: size }, () => `+1555${Math.floor(1_000_000 + Math.random() * 8_999_999)}`);
  const entry: Book = {
    plan: { status: 'draft', startAt: null, endAt: null, callsPerMinute: 600, maxConcurrentCalls: 3, ...plan },
    contacts: phones.map((phone) => ({
      id: randomUUID(),
      phone,
      status: 'pending',
      attempts: 0,
      dueAt: 0,
      lastCallId: null,
    })),
    statuses: [],
    placed: [],
    retryAfterMs: 1_000,
    maxAttempts: 3,
    ...book,
  };
  books.set(campaignId, entry);
  return { input: { campaignId, organizationId: randomUUID(), businessId: randomUUID() }, book: entry, phones };
}

const start = (input: CampaignWorkflowInput): Promise<WorkflowHandle<CampaignWorkflow>> =>
  harness.client.workflow.start<CampaignWorkflow>(CAMPAIGN_WORKFLOW_TYPE, {
    taskQueue: harness.taskQueue,
    workflowId: campaignWorkflowId(input.campaignId),
    args: [input],
  });

const dialsOf = (campaignId: string) => network.dials.filter((d) => d.campaignId === campaignId);
const dialCount = (phone: string) => network.dials.filter((d) => d.to === phone).length;

describe('campaign workflow', () => {
  it('dials every contact once, never more at once than the cap, no faster than the pacing', async () => {
    // Calls outlast the one-a-second pacing, so the cap of two is what holds the third back.
    network.talkMs = 2_500;
    try {
      const { input, phones, book } = newCampaign(5, { callsPerMinute: 60, maxConcurrentCalls: 2 });
      const campaign = await start(input);
      await expect(campaign.result()).resolves.toMatchObject({ status: 'completed' });
      expect(phones.map(dialCount)).toEqual(phones.map(() => 1));
      expect(network.peak.get(input.campaignId)).toBe(2);
      // 60 a minute is one call a second, placed one at a time.
      expect(book.placed.every((p) => p.count === 1)).toBe(true);
      const gaps = book.placed.slice(1).map((p, i) => p.at - book.placed[i]!.at);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(950);
    } finally {
      network.talkMs = 600;
    }
  });

  it('places calls in bursts of at most a second of the rate when the rate is high', async () => {
    const { input, phones, book } = newCampaign(8, { callsPerMinute: 240, maxConcurrentCalls: 8 });
    const campaign = await start(input);
    await expect(campaign.result()).resolves.toMatchObject({ status: 'completed' });
    expect(phones.map(dialCount)).toEqual(phones.map(() => 1));
    // 240 a minute is 4 a second: at most 4 at once, and the eight take at least a second.
    expect(Math.max(...book.placed.map((p) => p.count))).toBeLessThanOrEqual(4);
    expect(book.placed.at(-1)!.at - book.placed[0]!.at).toBeGreaterThanOrEqual(950);
  });

  it('tries busy and unanswered contacts again after their backoff, up to the most attempts', async () => {
    const { input, phones, book } = newCampaign(3, {}, { retryAfterMs: 1_500, maxAttempts: 3 });
    const [busyOnce, alwaysBusy, ringsOut] = phones as [string, string, string];
    network.script.set(busyOnce, ['busy', 'completed']);
    network.script.set(alwaysBusy, ['busy', 'busy', 'busy', 'busy']);
    network.script.set(ringsOut, ['no-answer', 'no-answer', 'completed']);
    const campaign = await start(input);
    await expect(campaign.result()).resolves.toMatchObject({ status: 'completed' });
    expect(phones.map(dialCount)).toEqual([2, 3, 3]);
    // Each retry waited for its contact to be due again.
    const busyTimes = network.dials.filter((d) => d.to === alwaysBusy).map((d) => d.at);
    expect(busyTimes[1]! - busyTimes[0]!).toBeGreaterThanOrEqual(1_400);
    expect(book.contacts.every((c) => c.status === 'done')).toBe(true);
  });

  it('holds dialling while paused and carries on after resume', async () => {
    const { input, phones, book } = newCampaign(6, { callsPerMinute: 60, maxConcurrentCalls: 1 });
    const campaign = await start(input);
    await until(() => dialsOf(input.campaignId).length >= 1, 10_000, 'the first dial');
    await expect(campaign.executeUpdate(pauseCampaignUpdate)).resolves.toBe('paused');
    const pausedAt = Date.now();
    const dialledBefore = dialsOf(input.campaignId).length;
    await sleep(3_000);
    // A batch decided as the pause came in may still place its call; nothing after that.
    expect(dialsOf(input.campaignId).filter((d) => d.at > pausedAt + 500)).toEqual([]);
    expect((await campaign.query(campaignProgressQuery)).status).toBe('paused');
    await expect(campaign.executeUpdate(resumeCampaignUpdate)).resolves.toBe('running');
    await expect(campaign.result()).resolves.toMatchObject({ status: 'completed' });
    expect(dialledBefore).toBeLessThan(phones.length);
    expect(phones.map(dialCount)).toEqual(phones.map(() => 1));
    expect(book.statuses).toEqual(['running', 'paused', 'running', 'completed']);
  });

  it('takes a pause sent the moment the campaign starts, before it has read its plan, and dials no one until resumed', async () => {
    const { input, phones, book } = newCampaign(2, { callsPerMinute: 600, maxConcurrentCalls: 2 });
    const campaign = await start(input);
    await expect(campaign.executeUpdate(pauseCampaignUpdate)).resolves.toBe('paused');
    await sleep(1_500);
    expect(dialsOf(input.campaignId)).toEqual([]);
    expect((await campaign.query(campaignProgressQuery)).status).toBe('paused');
    await expect(campaign.executeUpdate(resumeCampaignUpdate)).resolves.toBe('running');
    await expect(campaign.result()).resolves.toMatchObject({ status: 'completed' });
    expect(phones.map(dialCount)).toEqual([1, 1]);
    expect(book.statuses.at(-1)).toBe('completed');
    expect(book.statuses).toContain('paused');
  });

  it('stops dialling on cancel and lets the calls in progress finish', async () => {
    network.talkMs = 2_000;
    try {
      const { input, phones, book } = newCampaign(10, { callsPerMinute: 600, maxConcurrentCalls: 2 });
      const campaign = await start(input);
      await until(() => dialsOf(input.campaignId).length >= 2, 10_000, 'two calls up');
      await expect(campaign.executeUpdate(cancelCampaignUpdate, { args: [{ endCalls: false }] })).resolves.toBe(
        'canceled',
      );
      const cancelledAt = Date.now();
      await expect(campaign.result()).resolves.toMatchObject({ status: 'canceled' });
      const dialled = dialsOf(input.campaignId);
      expect(dialled.length).toBeLessThan(phones.length);
      expect(dialled.every((d) => d.at < cancelledAt + 500)).toBe(true);
      // The workflow returned once the calls it had placed were over and settled.
      expect(dialled.every((d) => network.ended.has(d.callId))).toBe(true);
      expect(book.statuses.at(-1)).toBe('canceled');
    } finally {
      network.talkMs = 600;
    }
  });

  it('continues as new to keep its history short, and no contact is dialled twice across runs', async () => {
    const { input, phones } = newCampaign(12, { callsPerMinute: 600, maxConcurrentCalls: 3 });
    const campaign = await start({ ...input, maxHistoryEvents: 60 });
    const result = await campaign.result();
    expect(result.status).toBe('completed');
    expect(result.stats.runs).toBeGreaterThanOrEqual(2);
    expect(phones.map(dialCount)).toEqual(phones.map(() => 1));
    const runs = [];
    for await (const run of harness.client.workflow.list({
      query: `WorkflowId = "${campaignWorkflowId(input.campaignId)}"`,
    })) {
      runs.push(run);
    }
    expect(runs.length).toBe(result.stats.runs + 1);
    for (const run of runs) expect(run.historyLength).toBeLessThan(200);
  });
});
