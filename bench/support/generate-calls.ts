/**
 * Generated calls at production size, for benches (`bench:analytics`, `bench:api`) and tests: calls
 * with answers, durations, final QA scores (components, violations, a few overrides), the caller's
 * scored lines (always the first and last; with `transcripts`, whole conversations of about ten
 * lines with searchable text), and escalations offered to agents. Rows are written with COPY, from a
 * seeded generator, so the same options always give the same data.
 *
 * `benchDatabase()` keeps one such data set in a database of its own (`callplatform_bench`),
 * generated once and reused while its generator version and options match (they are kept as the
 * database's comment).
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { openOrm } from '../../db/orm.ts';

/** Bump when what is generated changes: a stored data set of another version is generated again. */
export const GENERATOR_VERSION = 1;

export interface GenerateOptions {
  organizationId: string;
  businessIds: string[];
  /** Human agents escalations are offered to (at least one when escalations are wanted). */
  agentIds: string[];
  calls: number;
  /** Calls are spread over `days` days before `until`. */
  until: Date;
  days: number;
  /** Whole conversations (about ten lines a call) instead of the caller's first and last lines only. */
  transcripts: boolean;
  /** Share of answered calls escalated (default 0.08). */
  escalationShare?: number;
  seed?: number;
  /** Text every generated line carries, for tests that look for it (e.g. a formula to neutralise). */
  marker?: string;
}

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Busier in office hours and on weekdays, as a call center is. */
const HOUR_WEIGHTS = [1, 1, 1, 1, 1, 2, 4, 8, 14, 18, 18, 16, 14, 16, 17, 16, 13, 10, 7, 5, 4, 3, 2, 1];
const RULES = [
  ['missing_disclosure', 'high'],
  ['late_disclosure', 'medium'],
  ['prohibited_phrase', 'medium'],
  ['pii_spoken', 'high'],
] as const;
const REASONS = ['sentiment', 'keyword', 'complexity', 'tool', 'supervisor'] as const;
const CUSTOMER_LINES = [
  'I have a question about my last invoice',
  'my parcel has not arrived yet and I am getting worried',
  'can I change the delivery address for my order',
  'the router keeps dropping the connection every evening',
  'I would like to upgrade my plan to the unlimited one',
  'why was I charged twice this month',
  'thank you that is really helpful',
  'this is the third time I am calling about this',
];
const AGENT_LINES = [
  'Thanks for calling, how can I help you today?',
  'I can see your account, one moment please.',
  'Your refund has been processed and should arrive within five days.',
  'I have updated the address on your order.',
  'Is there anything else I can help you with?',
];

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
  return /[",\n\r]/.test(text) || text === '' ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvRow = (values: unknown[]) => `${values.map(csvCell).join(',')}\n`;

/** COPYs the rows `produce` yields (CSV lines) into `table (columns)`. */
async function copy(client: pg.ClientBase, table: string, columns: string[], produce: () => Iterable<string>) {
  const sink = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
  await pipeline(Readable.from(batched(produce())), sink);
}
function* batched(lines: Iterable<string>, size = 1_000): Iterable<string> {
  let batch = '';
  let count = 0;
  for (const line of lines) {
    batch += line;
    if (++count === size) {
      yield batch;
      batch = '';
      count = 0;
    }
  }
  if (batch) yield batch;
}

interface GeneratedCall {
  id: string;
  row: string;
  answered: boolean;
  createdAt: Date;
  answeredAt: Date | null;
  durationSeconds: number;
}

/** Writes `calls` generated calls and all that hangs off them into the database `client` is connected to. */
export async function generateCalls(client: pg.ClientBase, options: GenerateOptions): Promise<void> {
  const rand = random(options.seed ?? 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const hourTotal = HOUR_WEIGHTS.reduce((a, b) => a + b, 0);
  const hourOf = () => {
    let r = rand() * hourTotal;
    for (let h = 0; h < 24; h++) {
      r -= HOUR_WEIGHTS[h] as number;
      if (r < 0) return h;
    }
    return 23;
  };
  const start = options.until.getTime() - options.days * 86_400_000;
  const escalationShare = options.escalationShare ?? 0.08;
  const calls: GeneratedCall[] = [];
  for (let i = 0; i < options.calls; i++) {
    let dayStart = start + Math.floor(rand() * options.days) * 86_400_000;
    // Weekends are quieter: most weekend calls move to a weekday.
    const weekday = new Date(dayStart).getUTCDay();
    if ((weekday === 0 || weekday === 6) && rand() < 0.6) dayStart -= (weekday === 0 ? 2 : 1) * 86_400_000;
    const createdAt = new Date(Math.max(start, dayStart) + hourOf() * 3_600_000 + Math.floor(rand() * 3_600_000));
    const direction = rand() < 0.55 ? 'inbound' : 'outbound';
    const r = rand();
    const [status, answered, endReason] =
      direction === 'inbound'
        ? r < 0.95
          ? (['completed', true, 'completed'] as const)
          : (['canceled', false, 'canceled'] as const)
        : r < 0.6
          ? (['completed', true, 'completed'] as const)
          : r < 0.65
            ? (['completed', true, 'voicemail_left'] as const)
            : r < 0.8
              ? (['no_answer', false, 'no_answer'] as const)
              : r < 0.9
                ? (['busy', false, 'busy'] as const)
                : r < 0.95
                  ? (['failed', false, 'failed'] as const)
                  : (['canceled', false, 'canceled'] as const);
    const answeredAt = answered ? new Date(createdAt.getTime() + 3_000 + Math.floor(rand() * 20_000)) : null;
    const durationSeconds = answered ? Math.round(20 + rand() ** 2 * 900) : 0;
    const endedAt = new Date((answeredAt ?? createdAt).getTime() + (durationSeconds || 25) * 1_000);
    const id = randomUUID();
    const from = direction === 'inbound' ? `+1555${String(1_000_000 + (i % 8_999_999)).slice(0, 7)}` : '+15005550006';
    const to = direction === 'inbound' ? '+15005550006' : `+1555${String(1_000_000 + (i % 8_999_999)).slice(0, 7)}`;
    calls.push({
      id,
      answered,
      createdAt,
      answeredAt,
      durationSeconds,
      row: csvRow([
        id,
        options.organizationId,
        pick(options.businessIds),
        direction,
        status,
        from,
        to,
        `call-${id}`,
        answeredAt,
        endedAt,
        durationSeconds,
        endReason,
        endedAt,
        createdAt,
        endedAt,
      ]),
    });
  }
  calls.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  await copy(
    client,
    'call',
    [
      'id',
      'organization_id',
      'business_id',
      'direction',
      'status',
      'from_number',
      'to_number',
      'workflow_id',
      'answered_at',
      'ended_at',
      'duration_seconds',
      'end_reason',
      'status_changed_at',
      'created_at',
      'updated_at',
    ],
    function* () {
      for (const call of calls) yield call.row;
    },
  );

  const marker = options.marker ? ` ${options.marker}` : '';
  await copy(
    client,
    'call_interaction',
    ['id', 'call_id', 'sequence', 'speaker', 'text', 'start_ms', 'end_ms', 'sentiment', 'created_at'],
    function* () {
      for (const call of calls) {
        if (!call.answeredAt) continue;
        const first = rand() * 2 - 1;
        const last = Math.max(-1, Math.min(1, first * 0.3 + (rand() * 1.4 - 0.5)));
        const lines = options.transcripts ? 8 + Math.floor(rand() * 6) : 2;
        const callerLines = Math.ceil(lines / 2);
        let callerLine = 0;
        for (let sequence = 0; sequence < lines; sequence++) {
          const caller = options.transcripts ? sequence % 2 === 1 || sequence === lines - 1 : true;
          const at = Math.floor((call.durationSeconds * 1000 * sequence) / lines);
          let sentiment = '';
          if (caller) {
            const share = callerLines > 1 ? callerLine / (callerLines - 1) : 1;
            const rolling = first + (last - first) * Math.min(1, share);
            const compound = callerLine === 0 ? first : rolling;
            const label = compound >= 0.05 ? 'positive' : compound <= -0.05 ? 'negative' : 'neutral';
            sentiment = JSON.stringify({ compound, pos: 0, neu: 1, neg: 0, label, rolling });
            callerLine += 1;
          }
          const text = `${caller ? pick(CUSTOMER_LINES) : pick(AGENT_LINES)}${marker}`;
          yield csvRow([
            randomUUID(),
            call.id,
            sequence,
            caller ? 'customer' : 'ai',
            text,
            at,
            at + 2_000,
            sentiment || null,
            call.createdAt,
          ]);
        }
      }
    },
  );

  await copy(
    client,
    'qa_score',
    [
      'id',
      'call_id',
      'score',
      'components',
      'weights',
      'grader',
      'final',
      'violations',
      'notes',
      'computed_at',
      'override_score',
      'override_reason',
      'override_at',
    ],
    function* () {
      for (const call of calls) {
        if (!call.answered || rand() < 0.05) continue;
        const components = {
          sentiment: 0.3 + rand() * 0.7,
          compliance: rand() < 0.8 ? 1 : 0.6,
          accuracy: 0.5 + rand() * 0.5,
          professionalism: 0.6 + rand() * 0.4,
        };
        const score =
          components.sentiment * 0.3 +
          components.compliance * 0.3 +
          components.accuracy * 0.2 +
          components.professionalism * 0.2;
        const violations =
          components.compliance < 1
            ? [pick(RULES)].map(([rule, severity]) => ({ rule, severity, lineSequence: 0, offsetMs: 0, detail: '' }))
            : [];
        const overridden = rand() < 0.02;
        yield csvRow([
          randomUUID(),
          call.id,
          score,
          JSON.stringify(components),
          '{"sentiment":0.3,"compliance":0.3,"accuracy":0.2,"professionalism":0.2}',
          'llm',
          true,
          JSON.stringify(violations),
          '[]',
          call.createdAt,
          overridden ? Math.min(1, score + 0.1) : null,
          overridden ? 'reviewed' : null,
          overridden ? call.createdAt : null,
        ]);
      }
    },
  );

  if (!options.agentIds.length || escalationShare <= 0) return;
  await copy(
    client,
    'escalation',
    [
      'id',
      'organization_id',
      'business_id',
      'call_id',
      'workflow_id',
      'status',
      'reason',
      'priority',
      'context',
      'agent_id',
      'offers',
      'triggered_at',
      'offered_at',
      'accepted_at',
      'connected_at',
      'completed_at',
      'resolved',
      'created_at',
      'updated_at',
    ],
    function* () {
      for (const call of calls) {
        if (!call.answeredAt || rand() >= escalationShare) continue;
        const id = randomUUID();
        const triggeredAt = new Date(call.answeredAt.getTime() + Math.floor(rand() * call.durationSeconds * 800));
        const agent = pick(options.agentIds);
        const r = rand();
        const outcome = r < 0.7 ? 'accepted' : r < 0.95 ? 'callback' : 'cancelled';
        const acceptedAt = outcome === 'accepted' ? new Date(triggeredAt.getTime() + 5_000 + rand() * 90_000) : null;
        const completedAt = acceptedAt ? new Date(acceptedAt.getTime() + 60_000 + rand() * 600_000) : null;
        const offers = [
          {
            agentId: agent,
            attempt: 1,
            offeredAt: triggeredAt.toISOString(),
            outcome: outcome === 'accepted' ? 'accepted' : 'timed_out',
          },
        ];
        const businessId = options.businessIds[0];
        yield csvRow([
          id,
          options.organizationId,
          businessId,
          call.id,
          `escalation-${id}`,
          outcome === 'accepted' ? 'completed' : outcome,
          pick(REASONS),
          'high',
          '{}',
          agent,
          JSON.stringify(offers),
          triggeredAt,
          triggeredAt,
          acceptedAt,
          acceptedAt,
          completedAt,
          acceptedAt ? true : null,
          triggeredAt,
          completedAt ?? triggeredAt,
        ]);
      }
    },
  );
}

export interface BenchDataset {
  databaseUrl: string;
  organizationId: string;
  businessIds: string[];
  /** Whether this run generated it (false: reused). */
  generated: boolean;
  generateSeconds: number;
}

/** The tables generation writes to; their triggers are off while it does, and the analytics are rebuilt after. */
const GENERATED_TABLES = ['call', 'call_interaction', 'qa_score', 'escalation'];

/**
 * The bench database with `calls` generated calls (one organisation, five businesses, twenty agents,
 * the year before 2026-12-01), generated once and reused while the generator version and options
 * match. `adminUrl` is any database of the same server the bench role may connect to.
 */
export async function benchDatabase(options: {
  adminUrl: string;
  name?: string;
  calls: number;
  transcripts: boolean;
  log?: (line: string) => void;
}): Promise<BenchDataset> {
  const name = options.name ?? 'callplatform_bench';
  const databaseUrl = options.adminUrl.replace(/\/[^/]+$/, `/${name}`);
  const wanted = `generate-calls v${GENERATOR_VERSION} calls=${options.calls} transcripts=${options.transcripts}`;
  const log = options.log ?? (() => undefined);
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  let stored: string | null = null;
  try {
    const existing = await admin.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    stored = existing.rows[0] ? existing.rows[0].comment : null;
    if (existing.rows[0] && stored !== wanted) {
      log(`${name} holds "${stored}", not "${wanted}": generating again`);
      await admin.query(`drop database "${name}" with (force)`);
    }
    if (!existing.rows[0] || stored !== wanted) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const orm = await openOrm(databaseUrl, 2);
  try {
    await orm.migrator.up();
    const em = orm.em.fork();
    if (stored === wanted) {
      const [org] = await em.execute<{ id: string }[]>(`select id from organization where name = 'Bench' limit 1`);
      const businesses = await em.execute<{ id: string }[]>(
        'select id from business_config where organization_id = ? order by name',
        [org!.id],
      );
      return {
        databaseUrl,
        organizationId: org!.id,
        businessIds: businesses.map((b) => b.id),
        generated: false,
        generateSeconds: 0,
      };
    }
    const started = performance.now();
    const organizationId = randomUUID();
    await em.execute(`insert into organization (id, name, created_at, updated_at) values (?, 'Bench', now(), now())`, [
      organizationId,
    ]);
    const businessIds = Array.from({ length: 5 }, () => randomUUID());
    for (const [index, id] of businessIds.entries()) {
      await em.execute(
        `insert into business_config (id, organization_id, name, system_prompt, created_at, updated_at)
         values (?, ?, ?, 'p', now(), now())`,
        [id, organizationId, `Bench business ${index + 1}`],
      );
    }
    const agentIds = Array.from({ length: 20 }, () => randomUUID());
    for (const [index, id] of agentIds.entries()) {
      await em.execute(
        `insert into human_agent (id, organization_id, name, email, phone_number, skills, availability, max_concurrent,
           current_load, created_at, updated_at)
         values (?, ?, ?, ?, '+14155550123', '{}', 'available', 2, 0, now(), now())`,
        [id, organizationId, `Agent ${index + 1}`, `agent${index + 1}@bench.test`],
      );
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      for (const table of GENERATED_TABLES) await client.query(`alter table "${table}" disable trigger user`);
      log(`generating ${options.calls} calls (transcripts: ${options.transcripts}) into ${name}`);
      await generateCalls(client, {
        organizationId,
        businessIds,
        agentIds,
        calls: options.calls,
        until: new Date('2026-12-01T00:00:00Z'),
        days: 365,
        transcripts: options.transcripts,
      });
      for (const table of GENERATED_TABLES) await client.query(`alter table "${table}" enable trigger user`);
      log(
        `rows written in ${((performance.now() - started) / 1000).toFixed(0)} s; building the analytics facts and rollup`,
      );
      const rebuilding = performance.now();
      await client.query('select analytics_rebuild()');
      log(`analytics built in ${((performance.now() - rebuilding) / 1000).toFixed(0)} s`);
      await client.query('vacuum analyze');
      await client.query(`comment on database "${name}" is '${wanted}'`);
    } finally {
      await client.end();
    }
    return {
      databaseUrl,
      organizationId,
      businessIds,
      generated: true,
      generateSeconds: Math.round((performance.now() - started) / 1000),
    };
  } finally {
    await orm.close();
  }
}
