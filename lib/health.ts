export interface CheckResult {
  ok: boolean;
  latencyMs: number;
  error?: string;
}

export interface HealthReport<Name extends string = 'postgres' | 'temporal' | 'weaviate'> {
  status: 'ok' | 'unavailable';
  checks: Record<Name, CheckResult>;
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

/** Runs every check in parallel, each within `timeoutMs`; a check answering `false` is not ready. */
export async function checkAll<Name extends string>(
  checks: Record<Name, () => Promise<unknown>>,
  timeoutMs: number,
): Promise<HealthReport<Name>> {
  const names = Object.keys(checks) as Name[];
  const results = await Promise.all(names.map((name) => timed(checks[name], timeoutMs)));
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]])) as Record<Name, CheckResult>;
  return { status: results.every((result) => result.ok) ? 'ok' : 'unavailable', checks: report };
}
