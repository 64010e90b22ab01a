/**
 * A worker's analytics compactor: every interval it folds the rollup's appended differences and builds
 * the local days of zones first asked for (`compactAnalytics`). Several workers may run it; one
 * compaction runs at a time. A failed run is logged and the next interval tries again.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { compactAnalytics } from '../db/analytics.ts';
import type { Logger } from '../lib/logger.ts';

export function startAnalyticsCompactor(options: { orm: MikroORM; intervalSeconds: number; logger: Logger }): {
  stop: () => Promise<void>;
} {
  let running: Promise<void> | undefined;
  const run = () => {
    if (running) return; // the last run is still going: this interval's differences fold in it or the next
    running = compactAnalytics(options.orm.em.fork())
      .then(
        ({ keysFolded, zonesBuilt }) => {
          if (keysFolded || zonesBuilt.length) options.logger.debug({ keysFolded, zonesBuilt }, 'analytics compacted');
        },
        (error: unknown) => options.logger.warn({ err: error }, 'analytics compaction failed; the next run retries'),
      )
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(run, options.intervalSeconds * 1000);
  timer.unref();
  run();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
