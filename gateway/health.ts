import type { Connection } from '@temporalio/client';
import type { Orm } from '../db/orm.ts';
import { checkAll, type HealthReport } from '../lib/health.ts';
import type { WeaviateClient } from '../lib/weaviate.ts';

/** Checks every backing service the platform cannot work without, in parallel. */
export function createHealthCheck(
  deps: { orm: Orm; temporal: Connection; weaviate: WeaviateClient },
  timeoutMs = 2_000,
) {
  return (): Promise<HealthReport> =>
    checkAll(
      {
        postgres: () => deps.orm.em.fork().execute('select 1'),
        temporal: () => deps.temporal.workflowService.getSystemInfo({}),
        weaviate: () => deps.weaviate.isReady(),
      },
      timeoutMs,
    );
}
