/**
 * Documentation sync, page by page, for its workflow (../workflows/doc-sync.ts). Each activity is
 * safe to repeat: a run's row is keyed by the id the workflow chose, a page's entry by (source, URL),
 * and its chunks by content (../knowledge/store.ts).
 */
import { ApplicationFailure, Context } from '@temporalio/activity';
import { DocSource, DocSyncRun, type DocSyncStatus, KnowledgeEntry, NEW_RUN } from '../db/entities/index.ts';
import { publishEvent, TOPICS } from '../db/events.ts';
import type { Orm } from '../db/orm.ts';
import { recordDocSyncEvent } from '../db/webhooks.ts';
import {
  categorise,
  DOC_SYNC_USER_AGENT,
  inScope,
  normalizeUrl,
  type RobotsRules,
  readRobots,
  readSitemap,
  scopeOf,
} from '../knowledge/crawl.ts';
import { htmlLinks, sniffDocumentType } from '../knowledge/extract/index.ts';
import { type FetchedPage, FetchPolicy, FetchRefusedError, fetchLimited } from '../knowledge/fetch.ts';
import type { KnowledgeStore } from '../knowledge/store.ts';
import type { Config } from '../lib/config.ts';
import type { DocSyncCounts, DocSyncError, DocSyncPlan, PageResult } from '../workflows/definitions/doc-sync.ts';
import { STALE_RUN_MS } from '../workflows/definitions/doc-sync.ts';
import { digestDocument, isPermanentFetchError, MAX_FETCH_BYTES, publishEntry } from './knowledge.ts';

const ROBOTS_TTL_MS = 10 * 60_000;
const MAX_SITEMAPS = 20;
const PAGE_TIMEOUT_MS = 20_000;

export interface DocSyncActivityDeps {
  orm: Orm;
  knowledge: KnowledgeStore;
  config: Pick<Config, 'knowledge'>;
}

/** Beats every two seconds while `work` runs, so a worker that dies mid-page is noticed in seconds. */
async function withHeartbeat<T>(work: () => Promise<T>): Promise<T> {
  const context = Context.current();
  const timer = setInterval(() => context.heartbeat(), 2000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/** Deletes an entry and its chunks. */
async function removeEntry(orm: Orm, knowledge: KnowledgeStore, entry: KnowledgeEntry): Promise<void> {
  await knowledge.deleteEntry(entry.business.id, entry.id);
  await orm.em.fork().nativeDelete(KnowledgeEntry, entry.id);
}

export function createDocSyncActivities({ orm, knowledge, config }: DocSyncActivityDeps) {
  const policy = new FetchPolicy(config.knowledge.fetchAllowedHosts);
  const robotsCache = new Map<string, { rules: RobotsRules; at: number }>();
  /** The origin's robots.txt, read at most every ten minutes per worker; FetchRefusedError for a refused origin. */
  const robotsFor = async (url: string): Promise<RobotsRules> => {
    const robotsUrl = new URL('/robots.txt', url).href;
    const cached = robotsCache.get(robotsUrl);
    if (cached && Date.now() - cached.at < ROBOTS_TTL_MS) return cached.rules;
    let text: string | null | 'unreachable';
    try {
      const page = await fetchLimited(robotsUrl, {
        policy,
        headers: { 'user-agent': DOC_SYNC_USER_AGENT },
        maxBytes: 500_000,
        timeoutMs: 10_000,
      });
      text = page.status < 300 ? new TextDecoder().decode(page.bytes) : page.status < 500 ? null : 'unreachable';
    } catch (error) {
      if (error instanceof FetchRefusedError) throw error;
      text = 'unreachable';
    }
    const rules = readRobots(robotsUrl, text);
    robotsCache.set(robotsUrl, { rules, at: Date.now() });
    return rules;
  };
  const get = (url: string, headers: Record<string, string> = {}, redirect: 'follow' | 'manual' = 'follow') =>
    fetchLimited(url, {
      policy,
      headers: { 'user-agent': DOC_SYNC_USER_AGENT, ...headers },
      maxBytes: MAX_FETCH_BYTES,
      timeoutMs: PAGE_TIMEOUT_MS,
      redirect,
      // Inside an activity, a cancelled sync stops its requests too.
      signal: Context.current().cancellationSignal,
    });

  /** Page URLs listed by a sitemap (following sitemap indexes), at most `limit`. */
  const sitemapPages = async (sitemapUrls: string[], limit: number): Promise<string[]> => {
    const pages: string[] = [];
    const queue = [...sitemapUrls];
    for (let read = 0; queue.length && read < MAX_SITEMAPS && pages.length < limit; read++) {
      const page = await get(queue.shift()!).catch(() => null);
      if (!page || page.status >= 300) continue;
      const listed = readSitemap(new TextDecoder().decode(page.bytes));
      pages.push(...listed.pages);
      queue.push(...listed.sitemaps);
    }
    return pages;
  };

  const publishRun = async (run: DocSyncRun) => {
    await publishEvent(orm.em.fork(), {
      topic: TOPICS.docSync,
      key: run.source.id,
      payload: { organizationId: run.organization.id, sourceId: run.source.id, runId: run.id, status: run.status },
    });
  };
  const updateRun = async (runId: string, change: Partial<DocSyncRun>, onlyWhileRunning = false) => {
    const em = orm.em.fork();
    const run = await em.findOne(DocSyncRun, runId);
    if (!run || (onlyWhileRunning && run.status !== 'running')) return;
    Object.assign(run, change);
    await em.flush();
    await publishRun(run);
  };

  return {
    /**
     * Opens a run: records it, reads robots.txt and the sitemap, and answers the URLs to start from.
     * Refuses (for good) when another run of the source is still going.
     */
    async beginDocSync(input: {
      sourceId: string;
      runId: string;
      workflowId: string;
      trigger: 'manual' | 'schedule';
    }): Promise<DocSyncPlan> {
      const em = orm.em.fork();
      const source = await em.findOne(DocSource, input.sourceId);
      if (!source) throw ApplicationFailure.nonRetryable(`doc source ${input.sourceId} no longer exists`, 'SourceGone');
      const others = await em.find(DocSyncRun, { source: source.id, status: 'running', id: { $ne: input.runId } });
      for (const other of others) {
        if (Date.now() - other.updatedAt.getTime() < STALE_RUN_MS) {
          throw ApplicationFailure.nonRetryable(
            `a sync of this source is already running (${other.workflowId})`,
            'AlreadyRunning',
          );
        }
        Object.assign(other, { status: 'failed', finishedAt: new Date() });
        other.errors = [...other.errors, { url: source.startUrl, message: 'interrupted: the run stopped reporting' }];
      }
      const run =
        (await em.findOne(DocSyncRun, input.runId)) ??
        em.create(DocSyncRun, {
          id: input.runId,
          organization: source.organization,
          source,
          workflowId: input.workflowId,
          trigger: input.trigger,
          ...NEW_RUN,
        });
      await em.flush();
      await publishRun(run);

      const prefixes = scopeOf(source.startUrl, source.allowedPrefixes);
      // A refused start URL is still crawled, so that its page fails with the reason.
      const robots = await robotsFor(source.startUrl).catch((error: unknown) => {
        if (error instanceof FetchRefusedError) return readRobots(source.startUrl, null);
        throw error;
      });
      const sitemaps = source.sitemapUrl ? [source.sitemapUrl] : robots.sitemaps;
      const listed = await sitemapPages(sitemaps, source.maxPages * 2);
      const seeds = [
        ...new Set(
          [source.startUrl, ...listed]
            .map((url) => normalizeUrl(url, source.startUrl))
            .filter((url): url is string => url !== null && inScope(url, prefixes)),
        ),
      ];
      // The start URL may sit outside the prefixes (a landing page): it is crawled all the same.
      if (!seeds.includes(source.startUrl)) seeds.unshift(source.startUrl);
      const intervalMs = Math.max(1000 / Number(source.requestsPerSecond), (robots.crawlDelay ?? 0) * 1000);
      return {
        seeds: seeds.slice(0, source.maxPages),
        intervalMs: Math.round(intervalMs),
        concurrency: source.concurrency,
        maxPages: source.maxPages,
      };
    },

    /**
     * Syncs one page: a conditional request when it was indexed before (ETag, Last-Modified), the
     * main content extracted, categorised and indexed when its hash changed; a page gone (404/410)
     * is removed. Answers the page's in-scope links (a 304 answers the links stored last time).
     */
    syncDocPage(input: { sourceId: string; runId: string; url: string }): Promise<PageResult> {
      return withHeartbeat(async () => {
        const em = orm.em.fork();
        const source = await em.findOne(DocSource, input.sourceId);
        if (!source)
          throw ApplicationFailure.nonRetryable(`doc source ${input.sourceId} no longer exists`, 'SourceGone');
        const prefixes = scopeOf(source.startUrl, source.allowedPrefixes);
        const entry = await em.findOne(KnowledgeEntry, { docSource: source.id, sourceUrl: input.url });
        const markSeen = async (change: Partial<KnowledgeEntry> = {}) => {
          if (!entry) return;
          Object.assign(entry, { lastSeenRunId: input.runId, ...change });
          await em.flush();
        };
        let robots: RobotsRules;
        try {
          robots = await robotsFor(input.url);
        } catch (error) {
          if (!(error instanceof FetchRefusedError)) throw error;
          return { outcome: 'failed', links: [], error: new FetchRefusedError(input.url, error.reason).message };
        }
        if (!robots.isAllowed(input.url)) {
          if (entry) await removeEntry(orm, knowledge, entry);
          return { outcome: 'skipped', links: [], error: 'robots.txt disallows it' };
        }
        const conditional: Record<string, string> = {};
        if (entry?.status === 'ready') {
          if (entry.etag) conditional['if-none-match'] = entry.etag;
          if (entry.lastModified) conditional['if-modified-since'] = entry.lastModified;
        }
        let page: FetchedPage;
        try {
          page = await get(
            input.url,
            {
              accept: 'text/html,application/xhtml+xml,text/markdown,text/plain,application/pdf;q=0.9,*/*;q=0.5',
              ...conditional,
            },
            'manual',
          );
        } catch (error) {
          if (isPermanentFetchError(error)) return { outcome: 'failed', links: [], error: error.message };
          throw error; // network trouble: Temporal retries, then the workflow counts it failed
        }
        if (page.status === 304 && entry) {
          await markSeen();
          return { outcome: 'unchanged', links: entry.links ?? [] };
        }
        if (page.status === 404 || page.status === 410) {
          if (entry) await removeEntry(orm, knowledge, entry);
          return entry
            ? { outcome: 'removed', links: [] }
            : { outcome: 'failed', links: [], error: `HTTP ${page.status} (a broken link)` };
        }
        if (page.status === 429 || page.status >= 500) throw new Error(`${input.url} answered HTTP ${page.status}`);
        if (page.status >= 400) {
          await markSeen();
          return { outcome: 'failed', links: [], error: `HTTP ${page.status}` };
        }
        const location = page.headers.get('location');
        if (page.status >= 300 && page.status < 400 && location) {
          // Redirected: the page is crawled once under the URL it lives at, however many links lead there.
          if (entry) await removeEntry(orm, knowledge, entry);
          const target = normalizeUrl(location, input.url);
          return {
            outcome: 'skipped' as const,
            links: target && inScope(target, prefixes) ? [target] : [],
            error: `redirects to ${target ?? location}`,
          };
        }

        const contentType = page.headers.get('content-type') ?? undefined;
        let type: ReturnType<typeof sniffDocumentType>;
        try {
          type = sniffDocumentType(page.bytes, { contentType, filename: new URL(input.url).pathname });
        } catch {
          return { outcome: 'skipped', links: [], error: `not a document (${contentType ?? 'unknown type'})` };
        }
        let links: string[] = [];
        let noindex = false;
        if (type === 'html') {
          const read = htmlLinks(new TextDecoder().decode(page.bytes));
          noindex = read.noindex;
          if (!read.nofollow) {
            const base = read.base ? (normalizeUrl(read.base, input.url) ?? input.url) : input.url;
            links = [
              ...new Set(
                read.hrefs
                  .map((href) => normalizeUrl(href, base))
                  .filter((url): url is string => url !== null && inScope(url, prefixes)),
              ),
            ];
          }
        }
        if (noindex) {
          if (entry) await removeEntry(orm, knowledge, entry);
          return { outcome: 'skipped', links, error: 'the page asks not to be indexed (noindex)' };
        }

        let digest: Awaited<ReturnType<typeof digestDocument>>;
        try {
          digest = await digestDocument(
            page.bytes,
            { contentType, filename: new URL(input.url).pathname, type },
            {
              title: null,
              sourceUrl: input.url,
              vendor: source.vendor ?? null,
              docType: null,
              version: null,
              tags: [],
            },
            config.knowledge,
          );
        } catch (error) {
          await markSeen();
          return { outcome: 'failed', links, error: (error as Error).message };
        }
        const docType = categorise(input.url, digest.meta.title, source.docTypeRules);
        const meta = { ...digest.meta, docType };
        const validators = { etag: page.headers.get('etag'), lastModified: page.headers.get('last-modified') };
        if (entry?.status === 'ready' && entry.contentHash === digest.hash) {
          // Indexed earlier in this very run (a retried activity): report what that attempt did.
          const run = await em.findOne(DocSyncRun, input.runId);
          const indexedThisRun = Boolean(run && entry.indexedAt && entry.indexedAt >= run.startedAt);
          await markSeen({ ...validators, links });
          return { outcome: indexedThisRun ? 'indexed' : 'unchanged', links };
        }
        const target =
          entry ??
          em.create(KnowledgeEntry, {
            organization: source.organization,
            business: source.business,
            docSource: source,
            source: 'doc_sync',
            sourceUrl: input.url,
            title: meta.title.slice(0, 300),
            vendor: source.vendor,
            docType,
            tags: [],
            status: 'processing',
          });
        await em.flush();
        await knowledge.replaceChunks(
          source.business.id,
          { ...meta, entryId: target.id, contentHash: digest.hash },
          digest.chunks,
        );
        Object.assign(target, {
          title: meta.title.slice(0, 300),
          docType,
          status: 'ready',
          error: null,
          content: Buffer.from(page.bytes),
          mimeType: contentType?.slice(0, 100) ?? null,
          contentHash: digest.hash,
          chunkCount: digest.chunks.length,
          indexedAt: new Date(),
          ...validators,
          links,
          lastSeenRunId: input.runId,
        });
        await em.flush();
        await publishEntry(orm, target);
        return { outcome: 'indexed', links };
      });
    },

    /** Persists a running sync's progress (ignored once the run has finished). */
    async recordDocSyncProgress(input: { runId: string; counts: DocSyncCounts; errors: DocSyncError[] }) {
      await updateRun(input.runId, { ...input.counts, errors: input.errors }, true);
    },

    /**
     * Closes a run. A completed run removes the source's pages it did not find (deleted from the
     * site or no longer linked); a cancelled or failed one removes nothing.
     */
    async finishDocSync(input: {
      runId: string;
      sourceId: string;
      status: Exclude<DocSyncStatus, 'running'>;
      counts: DocSyncCounts;
      errors: DocSyncError[];
      prune: boolean;
    }): Promise<{ removed: number }> {
      const run = await orm.em.fork().findOne(DocSyncRun, input.runId);
      if (run?.status !== 'running') {
        // Finished by an earlier attempt, which may have died before its event was recorded.
        await recordDocSyncEvent(orm.em.fork(), input.runId);
        return { removed: 0 };
      }
      let removed = 0;
      if (input.prune) {
        const stale = await orm.em.fork().find(KnowledgeEntry, {
          docSource: input.sourceId,
          $or: [{ lastSeenRunId: { $ne: input.runId } }, { lastSeenRunId: null }],
        });
        for (const entry of stale) await removeEntry(orm, knowledge, entry);
        removed = stale.length;
      }
      await updateRun(input.runId, {
        ...input.counts,
        removed: input.counts.removed + removed,
        errors: input.errors,
        status: input.status,
        finishedAt: new Date(),
      });
      await recordDocSyncEvent(orm.em.fork(), input.runId);
      return { removed };
    },
  };
}
