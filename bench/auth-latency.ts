/**
 * npm run bench:auth — sign-in and authorized-query latency through the real gateway (HTTP on
 * loopback, PostgreSQL, Temporal), one request at a time: N logins (Argon2id verify, session and
 * token writes) and N `calls(first: 20)` queries with a bearer token (JWT verify, session lookup,
 * rate-limit upsert, query). Uses the test database; infrastructure must be up (`npm run infra up`).
 *   BENCH_REQUESTS=1000 (default)
 */
import { buildApp } from '../gateway/app.ts';
import { connectGatewayDeps } from '../gateway/compose.ts';
import { createLogger } from '../lib/logger.ts';
import { testConfig, testEnv } from '../test/support/env.ts';
import { graphql } from '../test/support/graphql.ts';
import { createTenant, login, TEST_PASSWORD } from '../test/support/tenants.ts';
import { percentiles } from './stats.ts';

const requests = Number(process.env.BENCH_REQUESTS ?? 1000);
const config = testConfig(testEnv({ LOG_LEVEL: 'warn' }));
const { deps, close } = await connectGatewayDeps(config, createLogger('bench', 'warn'));
const app = buildApp(deps);
const url = await app.start();

function summary(name: string, samples: number[]): string {
  const { n, p50, p99, mean, max } = percentiles(samples);
  return `${name.padEnd(18)} n=${n}  p50 ${p50} ms  p99 ${p99} ms  mean ${mean} ms  max ${max} ms`;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

try {
  const tenant = await createTenant(deps.orm, 'Bench');
  const loginTimes: number[] = [];
  for (let i = 0; i < requests; i++)
    loginTimes.push(await time(() => login(url, tenant.emails.supervisor, TEST_PASSWORD)));
  const { accessToken } = await login(url, tenant.emails.supervisor);
  const query =
    '{ calls(first: 20) { ... on QueryCallsSuccess { data { totalCount edges { node { id status } } } } } }';
  const queryTimes: number[] = [];
  for (let i = 0; i < requests; i++) {
    queryTimes.push(
      await time(async () => {
        const response = await graphql(url, query, {}, accessToken);
        if (response.errors) throw new Error(JSON.stringify(response.errors));
      }),
    );
  }
  console.log(summary('login', loginTimes));
  console.log(summary('authorized query', queryTimes));
} finally {
  await app.stop();
  await close();
}
