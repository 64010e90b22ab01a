/**
 * npm run bench:api — the GraphQL API at production size: `calls` with each filter and sort, with
 * full-text search and a second page, and `call(id)` with its transcript page, against the
 * 1,000,000 generated calls of `callplatform_bench` (bench/support/generate-calls.ts; generated once,
 * shared with `bench:analytics`). Each query runs BENCH_RUNS times one at a time, then BENCH_RUNS × 4
 * times from BENCH_CLIENTS (50) clients at once; p50/p99 in ms, through the real gateway (HTTP on
 * loopback, JWT and session checks, rate limit, PostgreSQL) running in this process.
 * Infrastructure must be up (`npm run infra up`).
 *   BENCH_CALLS=1000000  BENCH_RUNS=40  BENCH_CLIENTS=50  BENCH_TRANSCRIPTS=1 (whole conversations)
 *   BENCH_ONLY=<name substring> runs only the matching queries
 */
import { User } from '../db/entities/index.ts';
import { openOrm } from '../db/orm.ts';
import { buildApp } from '../gateway/app.ts';
import { connectGatewayDeps } from '../gateway/compose.ts';
import { createLogger } from '../lib/logger.ts';
import { hashPassword } from '../lib/secrets.ts';
import { TEST_DATABASE_URL, testConfig, testEnv } from '../test/support/env.ts';
import { graphql } from '../test/support/graphql.ts';
import { login, TEST_PASSWORD } from '../test/support/tenants.ts';
import { percentiles } from './stats.ts';
import { benchDatabase } from './support/generate-calls.ts';

const calls = Number(process.env.BENCH_CALLS ?? 1_000_000);
const runs = Number(process.env.BENCH_RUNS ?? 40);
const clients = Number(process.env.BENCH_CLIENTS ?? 50);
const only = process.env.BENCH_ONLY;

const dataset = await benchDatabase({
  adminUrl: TEST_DATABASE_URL,
  calls,
  transcripts: process.env.BENCH_TRANSCRIPTS === '1',
  log: (line) => console.log(`[bench] ${line}`),
});
console.log(`[bench] ${calls} calls (${dataset.generated ? `generated in ${dataset.generateSeconds} s` : 'reused'})`);

// A supervisor of the bench organisation (kept between runs).
const email = 'supervisor@bench.test';
{
  const orm = await openOrm(dataset.databaseUrl, 1);
  const em = orm.em.fork();
  if (!(await em.findOne(User, { email }))) {
    em.create(User, {
      organization: dataset.organizationId,
      email,
      displayName: 'Bench supervisor',
      role: 'supervisor',
      passwordHash: await hashPassword(TEST_PASSWORD),
    });
    await em.flush();
  }
  await orm.close();
}

const config = testConfig(
  testEnv({ DATABASE_URL: dataset.databaseUrl, LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000' }),
);
const { deps, close } = await connectGatewayDeps(config, createLogger('bench', 'warn'));
const app = buildApp(deps);
const url = await app.start();
const { accessToken } = await login(url, email);

const request = async (query: string, variables: Record<string, unknown>) => {
  const response = await graphql(url, query, variables, accessToken);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data as Record<string, unknown>;
};

const LIST = `query ($first: Int, $after: String, $filter: CallFilter, $orderBy: CallOrder) {
  calls(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    __typename ... on QueryCallsSuccess { data { totalCount pageInfo { endCursor hasNextPage }
      edges { node { id status direction fromNumber toNumber createdAt durationSeconds } } } } } }`;
const LIST_WITHOUT_COUNT = LIST.replace('totalCount ', '');
const CALL = `query ($id: ID!) { call(id: $id) { id status fromNumber toNumber durationSeconds
  transcript(first: 50) { totalCount hasMore lines { sequence speaker text } } } }`;

// Values that exist in the data: a caller's number and a week of it.
const sample = (await request(LIST_WITHOUT_COUNT, { first: 100, filter: { direction: 'INBOUND' } })) as {
  calls: { data: { edges: { node: { id: string; fromNumber: string; createdAt: string } }[] } };
};
const nodes = sample.calls.data.edges.map((e) => e.node);
const latest = Date.parse(nodes[0]!.createdAt);
const week = { createdAfter: new Date(latest - 7 * 86_400_000).toISOString() };
const secondPage = (await request(LIST_WITHOUT_COUNT, { first: 25 })) as {
  calls: { data: { pageInfo: { endCursor: string } } };
};

type Case = [name: string, query: string, variables: () => Record<string, unknown>];
const list = (name: string, variables: Record<string, unknown>, query = LIST): Case => [
  name,
  query,
  () => ({ first: 25, ...variables }),
];
let nextCall = 0;
const CASES: Case[] = [
  list('newest first', {}),
  list('newest first, no totalCount', {}, LIST_WITHOUT_COUNT),
  list('second page (cursor)', { after: secondPage.calls.data.pageInfo.endCursor }),
  list('status NO_ANSWER', { filter: { status: ['NO_ANSWER'] } }),
  list('direction OUTBOUND', { filter: { direction: 'OUTBOUND' } }),
  list('business', { filter: { businessId: dataset.businessIds[0] } }),
  list('last 7 days', { filter: week }),
  list('phone number', { filter: { phoneNumber: nodes[3]!.fromNumber } }),
  list('QA ≥ 0.9', { filter: { minQaScore: 0.9 } }),
  list('QA ≤ 0.3, outbound, business', {
    filter: { maxQaScore: 0.3, direction: 'OUTBOUND', businessId: dataset.businessIds[1] },
  }),
  list('text "router"', { filter: { text: 'router' } }),
  list('text "charged twice", last 7 days', { filter: { text: '"charged twice"', ...week } }),
  list('text no match', { filter: { text: 'xylophone' } }),
  list('by duration desc', { orderBy: { field: 'DURATION', direction: 'DESC' } }),
  list('by status change asc', { orderBy: { field: 'STATUS_CHANGED_AT', direction: 'ASC' } }),
  list('by adversarial score desc', { orderBy: { field: 'ADVERSARIAL_SCORE', direction: 'DESC' } }),
  ['call(id) + transcript page', CALL, () => ({ id: nodes[nextCall++ % nodes.length]!.id })],
];

async function time(run: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

const fmt = (samples: number[]) => {
  const { p50, p99 } = percentiles(samples);
  return `${String(p50).padStart(7)} ${String(p99).padStart(7)}`;
};

try {
  console.log(`[bench] ${runs} sequential runs, then ${runs * 4} from ${clients} clients at once (ms)`);
  console.log(`${'query'.padEnd(36)}   seq p50     p99   ${clients}× p50     p99`);
  for (const [name, query, variables] of CASES) {
    if (only && !name.includes(only)) continue;
    for (let i = 0; i < 3; i++) await request(query, variables());
    const sequential: number[] = [];
    for (let i = 0; i < runs; i++) sequential.push(await time(() => request(query, variables())));
    const concurrent: number[] = [];
    let left = runs * 4;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (left-- > 0) concurrent.push(await time(() => request(query, variables())));
      }),
    );
    console.log(`${name.padEnd(36)} ${fmt(sequential)}   ${fmt(concurrent)}`);
  }
} finally {
  await app.stop();
  await close();
}
