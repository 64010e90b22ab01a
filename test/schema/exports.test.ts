import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { extractText, getDocumentProxy } from 'unpdf';
import { createExportActivities } from '../../activities/exports.ts';
import { testConfig, testEnv } from '../support/env.ts';
import { startGateway, type TestGateway } from '../support/gateway.ts';
import { graphql } from '../support/graphql.ts';
import { type InProcessWorker, startInProcessWorker } from '../support/temporal.ts';
import { createTenant, login, type Tenant } from '../support/tenants.ts';
import { until } from '../support/wait.ts';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const CALLS = 10_000;
const UNANSWERED = 2_500;
const DAY = '2026-11-10';
// Each row carries about 300 bytes of end reason, so the file is several MiB: more than a streamed export holds.
const LONG_REASON = `caller-hung-up ${'x'.repeat(230)}`;
const FORMULA_BUSINESS = '=HYPERLINK("http://attacker.example","x")';

let gateway: TestGateway;
let worker: InProcessWorker;
let tenant: Tenant;
let other: Tenant;
const tokens: Record<string, string> = {};
let transcriptCallId: string;

const CREATE = `mutation ($input: CreateExportInput!) {
  createExport(input: $input) {
    __typename
    ... on MutationCreateExportSuccess { data { id status workflowId } }
    ... on Error { message }
  }
}`;
const STATUS = `query ($id: ID!) {
  export(id: $id) { id status rowsDone rowsTotal progress bytes fileName contentType error download { url expiresAt } }
}`;

const range = { from: DAY, to: DAY, timeZone: 'UTC' };

async function createExport(kind: string, token = tokens.supervisor) {
  const created = await graphql(gateway.url, CREATE, { input: { kind, range } }, token);
  return created;
}

async function finishedExport(id: string) {
  let record: Record<string, unknown> | undefined;
  await until(
    async () => {
      record = (await graphql(gateway.url, STATUS, { id }, tokens.supervisor)).data?.export;
      return record?.status === 'COMPLETED' || record?.status === 'FAILED';
    },
    150_000,
    `export ${id} to finish`,
  );
  return record as {
    status: string;
    rowsDone: number;
    rowsTotal: number;
    progress: number;
    bytes: number;
    error: string | null;
    fileName: string;
    download: { url: string; expiresAt: string };
  };
}

beforeAll(async () => {
  // A file kept about 54 s: long enough to download on a busy machine, short enough to watch it expire.
  const env = testEnv({ EXPORT_RETENTION_HOURS: '0.015', DOWNLOAD_LINK_TTL_SECONDS: '90' });
  const config = testConfig(env);
  gateway = await startGateway(config);
  worker = await startInProcessWorker(
    config,
    gateway.orm,
    fileURLToPath(new URL('../../workflows/export.ts', import.meta.url)),
    createExportActivities({ orm: gateway.orm }),
  );

  tenant = await createTenant(gateway.orm, 'Exports');
  other = await createTenant(gateway.orm, 'Exports other');
  for (const role of ['supervisor', 'viewer'] as const)
    tokens[role] = (await login(gateway.url, tenant.emails[role])).accessToken;
  tokens.other = (await login(gateway.url, other.emails.supervisor)).accessToken;

  const em = gateway.orm.em.fork();
  await em.execute('update business_config set name = ? where id = ?', [FORMULA_BUSINESS, tenant.businessId]);
  // Written as the call workflow writes them: queued, then answered or not, then ended (triggers and all).
  await em.execute(
    `insert into call (id, organization_id, business_id, direction, status, from_number, to_number, workflow_id,
       status_changed_at, created_at, updated_at)
     select gen_random_uuid(), ?, ?, 'outbound', 'queued', '+15005550006', '+14155550100', 'call-export-' || n,
       t, t, t
     from generate_series(1, ?) n, lateral (select ?::timestamptz + (n * interval '8 seconds') as t) at`,
    [tenant.organizationId, tenant.businessId, CALLS, `${DAY}T00:00:00Z`],
  );
  await em.execute(
    `update call set status = 'in_progress', answered_at = created_at + interval '5 seconds'
     where organization_id = ? and workflow_id not in (select 'call-export-' || n from generate_series(1, ?) n)`,
    [tenant.organizationId, UNANSWERED],
  );
  await em.execute(
    `update call set status = case when answered_at is null then 'no_answer' else 'completed' end,
       duration_seconds = case when answered_at is null then 0 else 120 end, end_reason = ?, ended_at = created_at + interval '2 minutes'
     where organization_id = ?`,
    [LONG_REASON, tenant.organizationId],
  );
  const [first] = await em.execute<{ id: string }[]>(
    `select id from call where organization_id = ? and workflow_id = 'call-export-1'`,
    [tenant.organizationId],
  );
  transcriptCallId = first!.id;
  await em.execute(
    `insert into call_interaction (id, call_id, sequence, speaker, text, start_ms, end_ms, created_at) values
       (?, ?, 0, 'ai', 'Hello, this is the clinic calling about your appointment.', 0, 2500, now()),
       (?, ?, 1, 'customer', 'Yes, Thursday at nine works for me.', 3000, 5200, now())`,
    [randomUUID(), transcriptCallId, randomUUID(), transcriptCallId],
  );
}, 240_000);

afterAll(async () => {
  await worker?.stop();
  await gateway?.stop();
});

describe('a CSV export of calls', () => {
  // Runs first: its export also loads the workflow's sandbox, so the memory measured next is the export's alone.
  it('is the organisation’s own and needs exports:create', async () => {
    const created = await createExport('ESCALATIONS');
    const { id } = created.data!.createExport.data;
    expect((await graphql(gateway.url, STATUS, { id }, tokens.other)).data?.export).toBeNull();
    const listed = await graphql(gateway.url, '{ exports { id } }', {}, tokens.other);
    expect(listed.data?.exports.map((e: { id: string }) => e.id)).not.toContain(id);

    const refused = await createExport('CALLS', tokens.viewer);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await graphql(
      gateway.url,
      CREATE,
      { input: { kind: 'CALLS', range: { ...range, to: '2026-11-01' } } },
      tokens.supervisor,
    );
    expect(bad.data?.createExport.__typename).toBe('ValidationError');
    await finishedExport(id);
  }, 180_000);

  it('streams 10,000 calls through an export-<id> workflow with bounded memory, formulas neutralised, behind a signed expiring link', async () => {
    collectGarbage();
    const baseline = process.memoryUsage().heapUsed;
    let peakLive = 0;
    // Live heap (after a full collection) sampled while the export writes: what the export holds, not its garbage.
    const sampler = setInterval(() => {
      collectGarbage();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed - baseline);
    }, 1000);
    let id: string;
    let done: Awaited<ReturnType<typeof finishedExport>>;
    try {
      const created = await createExport('CALLS');
      expect(created.data?.createExport.__typename).toBe('MutationCreateExportSuccess');
      id = created.data!.createExport.data.id;
      expect(created.data!.createExport.data.workflowId).toBe(`export-${id}`);
      done = await finishedExport(id);
    } finally {
      clearInterval(sampler);
    }

    expect(done).toMatchObject({ status: 'COMPLETED', rowsDone: CALLS, rowsTotal: CALLS, progress: 1, error: null });
    expect(done.bytes).toBeGreaterThan(3 * 1024 * 1024);
    // Rows loaded all at once take about twice the file's size in heap (objects, dates, strings); a cursor holds a batch.
    expect(peakLive).toBeLessThan(done.bytes);

    const url = new URL(done.download.url, gateway.url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines[0]).toBe(
      'call_id,created_at,business,direction,status,from_number,to_number,answered_at,ended_at,duration_seconds,end_reason,handle_seconds,contained,escalated,qa_score,caller_sentiment',
    );
    expect(lines).toHaveLength(CALLS + 1);
    expect(lines.filter((line) => line.includes(',no_answer,'))).toHaveLength(UNANSWERED);
    // A spreadsheet must show the business name, not evaluate it as a formula.
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://attacker.example"",""x"")"`);
    expect(lines.slice(1).every((line) => !line.split(',')[2]?.startsWith('='))).toBe(true);

    const tampered = new URL(url);
    tampered.searchParams.set('token', `${url.searchParams.get('token')}x`);
    expect((await fetch(tampered)).status).toBe(403);
    const elsewhere = new URL(`/downloads/exports/${randomUUID()}${url.search}`, gateway.url);
    expect((await fetch(elsewhere)).status).toBe(403);

    // After its retention the workflow deletes the file; the record stays as expired.
    await until(
      async () => (await graphql(gateway.url, STATUS, { id }, tokens.supervisor)).data?.export.status === 'EXPIRED',
      90_000,
      'the export to expire',
    );
    expect((await fetch(url)).status).toBe(410);
  }, 240_000);
});

describe('the analytics report as a PDF', () => {
  it('renders the range’s figures as text a reader can extract', async () => {
    const { id } = (await createExport('REPORT')).data!.createExport.data;
    const done = await finishedExport(id);
    expect(done.status).toBe('COMPLETED');
    const response = await fetch(new URL(done.download.url, gateway.url));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = await getDocumentProxy(new Uint8Array(await response.arrayBuffer()));
    const { text } = await extractText(pdf, { mergePages: true });
    expect(text).toContain('Call analytics');
    expect(text).toContain('10,000');
    expect(text).toContain('75.0%');
    expect(text).toContain('Call volume by day');
  }, 180_000);
});

describe("a call's transcript", () => {
  const TRANSCRIPT = `query ($id: ID!, $format: TranscriptFormat!) { call(id: $id) { transcriptDownload(format: $format) { url } } }`;
  const linkFor = async (format: string, token = tokens.supervisor) =>
    (await graphql(gateway.url, TRANSCRIPT, { id: transcriptCallId, format }, token)).data?.call?.transcriptDownload
      .url;

  it('downloads as plain text, JSON and PDF from a signed link', async () => {
    const txt = await (await fetch(new URL((await linkFor('TXT'))!, gateway.url))).text();
    expect(txt).toContain('[00:03] customer: Yes, Thursday at nine works for me.');
    const json = (await (await fetch(new URL((await linkFor('JSON'))!, gateway.url))).json()) as { lines: unknown[] };
    expect(json.lines).toEqual([
      { sequence: 0, speaker: 'ai', startMs: 0, text: 'Hello, this is the clinic calling about your appointment.' },
      { sequence: 1, speaker: 'customer', startMs: 3000, text: 'Yes, Thursday at nine works for me.' },
    ]);
    const pdfResponse = await fetch(new URL((await linkFor('PDF'))!, gateway.url));
    const pdf = await getDocumentProxy(new Uint8Array(await pdfResponse.arrayBuffer()));
    expect((await extractText(pdf, { mergePages: true })).text).toContain('Thursday at nine');
  });

  it('gives no link to another organisation, and a link for one format opens no other', async () => {
    expect(await linkFor('TXT', tokens.other)).toBeUndefined();
    const txt = new URL((await linkFor('TXT'))!, gateway.url);
    const asJson = new URL(txt.pathname.replace(/txt$/, 'json') + txt.search, gateway.url);
    expect((await fetch(asJson)).status).toBe(403);
  });
});
