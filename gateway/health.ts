import type { Connection } from '@temporalio/client';
import type { Orm } from '../db/orm.ts';
import type { WeaviateClient } from '../lib/weaviate.ts';

export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  checks: Record<'postgres' | 'temporal' | 'weaviate', CheckResult>;
}

async function timed(check: () => Promise<unknown>, timeoutMs: number): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    const answer = await Promise.race([check(), timeout]);
    if (answer === false) throw new Error('not ready');
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: (error as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every backing service the platform cannot work without, in parallel. */
export function createHealthCheck(
  deps: { orm: Orm; temporal: Connection; weaviate: WeaviateClient },
  timeoutMs = 2_000,
) {
  return async (): Promise<HealthReport> => {
    const [postgres, temporal, weaviate] = await Promise.all([
      timed(() => deps.orm.em.fork().execute('select 1'), timeoutMs),
      timed(() => deps.temporal.workflowService.getSystemInfo({}), timeoutMs),
      timed(() => deps.weaviate.isReady(), timeoutMs),
    ]);
    const checks = { postgres, temporal, weaviate };
    return { status: Object.values(checks).every((c) => c.ok) ? 'ok' : 'unavailable', checks };
  };
}
