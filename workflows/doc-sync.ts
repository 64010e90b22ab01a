import {
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  isCancellation,
  proxyActivities,
  setHandler,
  sleep,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { createDocSyncActivities } from '../activities/doc-sync.ts';
import {
  type DocSyncCounts,
  type DocSyncInput,
  type DocSyncResult,
  type DocSyncState,
  type DocSyncWorkflow,
  docSyncProgressQuery,
  type PageOutcome,
} from './definitions/doc-sync.ts';
import { activityPresets } from './definitions/presets.ts';

type Activities = ReturnType<typeof createDocSyncActivities>;
/** Finishing a run may remove many pages (and their chunks). */
const db = proxyActivities<Activities>(activityPresets.document);
const crawl = proxyActivities<Activities>(activityPresets.crawl);
const planning = proxyActivities<Activities>(activityPresets.crawlPlanning);
/**
 * A run's counts: a row written. Short, so that an attempt lost with a killed worker is retried
 * within seconds; under the document preset the run waited two minutes for it.
 */
const progress = proxyActivities<Activities>(activityPresets.database);

/** Pages one workflow run handles before it continues as new (keeps its history small). */
const PAGES_PER_RUN = 250;
/** Progress reaches Postgres (and the console) at most this often. */
const PERSIST_EVERY_MS = 1000;
const MAX_ERRORS = 50;

const emptyCounts = (): DocSyncCounts => ({
  found: 0,
  fetched: 0,
  indexed: 0,
  unchanged: 0,
  failed: 0,
  removed: 0,
  skipped: 0,
});

/**
 * Syncs a documentation source into its business's knowledge. Reads robots.txt and the sitemap,
 * crawls within the source's prefixes (a shared pace for the rate limit, at most `concurrency` pages
 * at once), indexes each page incrementally, and finally removes pages it no longer found. Progress
 * is persisted as it goes and answered by the `progress` query. Every page is an activity, so after
 * a worker crash the sync resumes where it was without fetching again what it already indexed.
 */
/** Opens the run; answers why not when another run of the source is going or the source is gone. */
async function begin(input: DocSyncInput): Promise<DocSyncState | string> {
  const runId = input.runId ?? uuid4();
  try {
    const plan = await planning.beginDocSync({
      sourceId: input.sourceId,
      runId,
      workflowId: workflowInfo().workflowId,
      trigger: input.trigger ?? 'manual',
    });
    return { runId, plan, frontier: [], seen: [], counts: emptyCounts(), errors: [], startFailed: false };
  } catch (error) {
    const cause = (error as Error).cause;
    if (cause instanceof ApplicationFailure && (cause.type === 'AlreadyRunning' || cause.type === 'SourceGone')) {
      return cause.message;
    }
    throw error;
  }
}

export async function docSyncWorkflow(input: DocSyncInput): Promise<DocSyncResult> {
  const begun = input.state ?? (await begin(input));
  if (typeof begun === 'string') return { status: 'skipped', reason: begun };
  const s = begun;
  const seen = new Set(s.seen);
  let inFlight = 0;
  let handled = 0;
  let nextSlot = 0;
  let dirty = true;
  let crawling = true;
  const startUrl = s.plan.seeds[0];

  setHandler(docSyncProgressQuery, () => ({ ...s.counts, queued: s.frontier.length, inFlight }));

  function add(url: string) {
    if (seen.has(url) || seen.size >= s.plan.maxPages) return;
    seen.add(url);
    s.frontier.push(url);
    s.counts.found++;
  }
  function record(url: string, outcome: PageOutcome, error?: string) {
    s.counts[outcome]++;
    if (outcome !== 'skipped') s.counts.fetched++;
    if (error && outcome !== 'skipped') s.errors = [...s.errors, { url, message: error }].slice(-MAX_ERRORS);
    if (url === startUrl && outcome === 'failed') s.startFailed = true;
    dirty = true;
  }
  if (!input.state) for (const url of s.plan.seeds) add(url);
  /** Waits for this request's turn: requests start at least `intervalMs` apart, across all crawlers. */
  async function pace() {
    const now = Date.now();
    const slot = Math.max(now, nextSlot);
    nextSlot = slot + s.plan.intervalMs;
    if (slot > now) await sleep(slot - now);
  }
  async function crawler() {
    for (;;) {
      await condition(() => s.frontier.length > 0 || inFlight === 0);
      if (!s.frontier.length || handled >= PAGES_PER_RUN) return;
      const url = s.frontier.shift()!;
      inFlight++;
      handled++;
      try {
        await pace();
        const result = await crawl.syncDocPage({ sourceId: input.sourceId, runId: s.runId, url });
        record(url, result.outcome, result.error);
        for (const link of result.links) add(link);
      } catch (error) {
        if (isCancellation(error)) throw error;
        const cause = (error as Error).cause;
        record(url, 'failed', cause instanceof Error ? cause.message : (error as Error).message);
      } finally {
        inFlight--;
      }
    }
  }
  async function persist() {
    while (crawling) {
      await condition(() => dirty || !crawling);
      if (!crawling) return;
      dirty = false;
      await progress.recordDocSyncProgress({ runId: s.runId, counts: s.counts, errors: s.errors });
      await condition(() => !crawling, PERSIST_EVERY_MS);
    }
  }

  // Progress is best effort (the run's end writes the final counts); a cancelled write is fine.
  const persisting = persist().catch(() => undefined);
  try {
    await Promise.all(Array.from({ length: Math.max(1, s.plan.concurrency) }, crawler));
  } catch (error) {
    crawling = false;
    const cancelled = isCancellation(error);
    await CancellationScope.nonCancellable(async () => {
      await persisting;
      await db.finishDocSync({
        runId: s.runId,
        sourceId: input.sourceId,
        status: cancelled ? 'cancelled' : 'failed',
        counts: s.counts,
        errors: cancelled ? s.errors : [...s.errors, { url: '', message: (error as Error).message }],
        prune: false,
      });
    });
    if (!cancelled) throw error;
    return { status: 'cancelled', counts: s.counts };
  }
  crawling = false;
  await persisting;
  if (s.frontier.length) {
    // More to crawl than one run should hold in its history: carry on in a fresh run.
    await continueAsNew<typeof docSyncWorkflow>({ ...input, state: { ...s, seen: [...seen] } });
  }
  const { removed } = await db.finishDocSync({
    runId: s.runId,
    sourceId: input.sourceId,
    status: 'completed',
    counts: s.counts,
    errors: s.errors,
    // Removing pages not found is only safe when the crawl could see the site.
    prune: !s.startFailed && s.counts.failed <= s.counts.fetched / 2,
  });
  return { status: 'completed', counts: { ...s.counts, removed: s.counts.removed + removed } };
}
docSyncWorkflow satisfies DocSyncWorkflow;
