/**
 * npm run bench:campaign — one campaign of BENCH_CONTACTS contacts (default 100,000) dialled on the
 * whole stack (gateway, worker, bridge, telephony and Realtime simulators) in fast mode: simulated
 * speech at SIMULATOR_MS_PER_CHARACTER (default 5 ms a character) and contacts who answer, say one
 * line and hang up, are busy, ring out or reach a voicemail (scripts/simulators/personas.ts,
 * `+15553ODDDDD`; BENCH_MIX below). Pacing BENCH_RATE calls a minute (default 600), BENCH_CONCURRENCY calls at once
 * (default 40), two attempts for busy and unanswered contacts.
 *
 * Reports: contacts dialled per minute sustained against the pacing set, contacts dialled more often
 * than their attempts allow (must be 0), worker and bench-process (gateway and simulators) RSS over
 * the run, the longest history of any run of the campaign's workflow, and the Postgres time per dial
 * decision (the `decideDials` transaction, per contact decided).
 *
 * Infrastructure must be up (`npm run infra up`); uses the test database.
 */
import { readFileSync } from 'node:fs';
import { addContacts } from '../db/campaigns.ts';
import { Campaign } from '../db/entities/index.ts';
import { startCallStack } from '../test/support/call-stack.ts';
import { graphql } from '../test/support/graphql.ts';
import { createBusiness, login } from '../test/support/tenants.ts';
import type { CampaignResult } from '../workflows/definitions/campaign.ts';

const contacts = Number(process.env.BENCH_CONTACTS ?? 100_000);
const rate = Number(process.env.BENCH_RATE ?? 600);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 40);
const MAX_ATTEMPTS = 2;
/**
 * BENCH_MIX=calls (default): of every 20 contacts 14 answer, 3 are busy, 2 ring out, 1 is a voicemail.
 * BENCH_MIX=busy: every contact is busy (a call holds its place a second or so), so the pacing rather
 * than the concurrency cap bounds the rate, and the run measures how fast the platform dials.
 */
const MIX = process.env.BENCH_MIX === 'busy' ? [1] : [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 3];
const numberOf = (i: number) => `+15553${MIX[i % MIX.length]}${String(i).padStart(5, '0')}`;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;

const stack = await startCallStack('Bench campaign', {
  speechMsPerCharacter: Number(process.env.SIMULATOR_MS_PER_CHARACTER ?? 5),
});
const { orm } = stack.gateway;
const businessId = await createBusiness(orm, stack.tenant);
const created = await graphql(
  stack.gateway.url,
  `mutation ($input: CreateCampaignInput!) { createCampaign(input: $input) {
    __typename ... on MutationCreateCampaignSuccess { data { id } } ... on Error { message } } }`,
  {
    input: {
      businessId,
      name: 'Bench',
      callsPerMinute: rate,
      maxConcurrentCalls: concurrency,
      callingWindow: { start: '00:00', end: '24:00', days: [1, 2, 3, 4, 5, 6, 7] },
      retry: { maxAttempts: MAX_ATTEMPTS, initialDelaySeconds: 5, backoffMultiplier: 1, jitter: 0 },
      voicemail: { detect: true, countsAs: 'REACHED' },
    },
  },
  stack.token,
);
const campaignId = created.data?.createCampaign.data?.id as string;
if (!campaignId) throw new Error(`createCampaign failed: ${JSON.stringify(created)}`);

const loadStarted = Date.now();
for (let i = 0; i < contacts; i += 5_000) {
  const batch = Array.from({ length: Math.min(5_000, contacts - i) }, (_, j) => ({
    phoneNumber: numberOf(i + j),
    name: null,
    timeZone: 'UTC',
    numberTimeZones: [],
    variables: {},
    consent: null,
    sourceLine: null,
  }));
  await addContacts(
    orm.em.fork(),
    stack.gateway.encryption,
    { id: campaignId, organizationId: stack.tenant.organizationId },
    batch,
  );
}
console.log(`${contacts} contacts loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);

const started = await graphql(
  stack.gateway.url,
  `mutation ($id: ID!) { startCampaign(id: $id) { __typename ... on Error { message } } }`,
  { id: campaignId },
  stack.token,
);
if (started.data?.startCampaign.__typename !== 'MutationStartCampaignSuccess') {
  throw new Error(`startCampaign failed: ${JSON.stringify(started)}`);
}
const runStarted = Date.now();

// The simulator keeps every call it placed: count dials per number and forget the finished ones, so
// its memory stays out of the figures.
const dials = new Map<string, number>();
const dialTimes: number[] = [];
/** Seconds from dial to end of every finished call: what a call holds one of the concurrency cap's places. */
const callSeconds: number[] = [];
const counted = new Set<string>();
const samples: { at: number; worker: number; bench: number }[] = [];
let status = 'running';
while (status !== 'completed' && status !== 'canceled') {
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  for (const [sid, call] of stack.telephony.sim.calls) {
    if (!counted.has(sid)) {
      counted.add(sid);
      dials.set(call.to, (dials.get(call.to) ?? 0) + 1);
      dialTimes.push(call.createdAt);
    }
    const ended = call.timeline.find((e) => e.event === 'ended');
    if (ended) {
      callSeconds.push((ended.at - call.createdAt) / 1000);
      stack.telephony.sim.calls.delete(sid);
      counted.delete(sid);
    }
  }
  samples.push({ at: Date.now(), worker: rssOf(stack.worker.child.pid!), bench: process.memoryUsage().rss });
  status = (await orm.em.fork().findOneOrFail(Campaign, campaignId)).status;
  const last = samples.at(-1)!;
  console.log(
    `${((last.at - runStarted) / 1000).toFixed(0)} s: ${dialTimes.length} dials, worker ${mb(last.worker)}, bench ${mb(last.bench)}`,
  );
  // A long run outlasts an access token.
  if (samples.length % 60 === 0)
    stack.token = (await login(stack.gateway.url, stack.tenant.emails.supervisor)).accessToken;
}

const result = (await stack.gateway.temporal.workflow.getHandle(`campaign-${campaignId}`).result()) as CampaignResult;
let longestHistory = 0;
let runs = 0;
for await (const run of stack.gateway.temporal.workflow.list({ query: `WorkflowId = "campaign-${campaignId}"` })) {
  runs++;
  longestHistory = Math.max(longestHistory, run.historyLength);
}

dialTimes.sort((a, b) => a - b);
const spanMinutes = (dialTimes.at(-1)! - dialTimes[0]!) / 60_000;
const overDialled = [...dials.entries()].filter(
  ([number, n]) => n > (number[6] === '0' || number[6] === '3' ? 1 : MAX_ATTEMPTS),
);
const first = samples[0]!;
const last = samples.at(-1)!;
const peak = (key: 'worker' | 'bench') => Math.max(...samples.map((s) => s[key]));
console.log(`contacts: ${contacts}, dials: ${dialTimes.length} over ${spanMinutes.toFixed(1)} min`);
console.log(
  `sustained: ${(dialTimes.length / spanMinutes).toFixed(0)} dials per minute against pacing ${rate} (cap ${concurrency} at once)`,
);
// Little's law: with every place of the cap taken, dials a minute = cap × 60 / mean seconds a call
// holds a place. A sustained rate near that bound was set by the cap and the calls' length, not by
// the platform; only a rate well under both bounds says the platform was the limit.
const meanCallSeconds = callSeconds.reduce((sum, s) => sum + s, 0) / Math.max(1, callSeconds.length);
const capBound = (concurrency * 60) / Math.max(0.001, meanCallSeconds);
console.log(
  `bound set by the cap: ${capBound.toFixed(0)} dials per minute (${concurrency} at once, calls of ${meanCallSeconds.toFixed(1)} s on average from dial to end); limited by ${capBound < rate ? 'the cap and call length' : 'the pacing'}, at most ${Math.min(capBound, rate).toFixed(0)} a minute`,
);
console.log(`contacts dialled more often than their attempts allow: ${overDialled.length}`);
console.log(
  `RSS worker: first ${mb(first.worker)}, last ${mb(last.worker)}, peak ${mb(peak('worker'))}; bench process (gateway and simulators): first ${mb(first.bench)}, last ${mb(last.bench)}, peak ${mb(peak('bench'))}`,
);
console.log(`workflow: ${runs} runs (continue-as-new), longest history ${longestHistory} events`);
console.log(
  `Postgres per dial decision: ${(result.stats.decisionMs / Math.max(1, result.stats.decided)).toFixed(2)} ms (${result.stats.decided} decided)`,
);

await stack.stop();
process.exit(0);
