import { type FilterQuery, type RawQueryFragment, raw } from '@mikro-orm/core';
import type { QBFilterQuery } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { type CallView, toCallView } from '../db/calls.ts';
import { Call } from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { isE164 } from '../lib/phone.ts';
import { builder } from './builder.ts';
import { CallDirectionEnum, CallRef, CallStatusEnum } from './call.ts';
import { parseInput } from './validation.ts';

const CallEdgeRef = builder.objectRef<{ cursor: string; node: CallView }>('CallEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: CallRef, resolve: (e) => e.node }) }),
});

export const PageInfoRef = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.exposeBoolean('hasNextPage'),
    endCursor: t.exposeString('endCursor', { nullable: true }),
  }),
});

/**
 * Matching calls are counted up to this many and no further: an exact count of a million rows reads
 * them all, on every page (`npm run bench:api`), and a list needs to say "more than a thousand",
 * not the figure. Analytics counts any number exactly.
 */
export const CALL_COUNT_CAP = 1_000;
/** Up to this many transcript lines matching a search are listed by the text index; more are checked per call. */
export const FEW_TEXT_MATCHES = 2_000;

const CallConnectionRef = builder
  .objectRef<{
    edges: { cursor: string; node: CallView }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    /** Counted when a field asks for it, once per list. */
    count: () => Promise<number>;
  }>('CallConnection')
  .implement({
    fields: (t) => ({
      edges: t.field({ type: [CallEdgeRef], resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.int({
        description: `How many calls match, counted up to ${CALL_COUNT_CAP.toLocaleString('en-US')}: when \`totalCountCapped\` is true there are more.`,
        resolve: async (c) => Math.min(await c.count(), CALL_COUNT_CAP),
      }),
      totalCountCapped: t.boolean({
        description: `True when more than ${CALL_COUNT_CAP.toLocaleString('en-US')} calls match (\`totalCount\` stops there).`,
        resolve: async (c) => (await c.count()) > CALL_COUNT_CAP,
      }),
    }),
  });

const CallFilterInput = builder.inputType('CallFilter', {
  fields: (t) => ({
    status: t.field({ type: [CallStatusEnum], required: false }),
    direction: t.field({ type: CallDirectionEnum, required: false }),
    businessId: t.id({ required: false }),
    createdAfter: t.field({ type: 'DateTime', required: false }),
    createdBefore: t.field({ type: 'DateTime', required: false }),
    phoneNumber: t.string({ required: false, description: 'E.164; matches the caller or the called number.' }),
    text: t.string({
      required: false,
      description:
        'Words said in the call (full-text search over transcripts, web-search syntax: "exact phrase", -word, or).',
    }),
    outcome: t.stringList({ required: false, description: 'The analysis’s outcome is one of these.' }),
    minAdversarialScore: t.float({ required: false, description: 'Adversarial score at least this (0–10).' }),
    minQaScore: t.float({
      required: false,
      description: "Final QA score (a reviewer's override winning) at least this (0–1); unscored calls are left out.",
    }),
    maxQaScore: t.float({ required: false, description: 'Final QA score at most this (0–1).' }),
  }),
});

const CallOrderFieldEnum = builder.enumType('CallOrderField', {
  values: {
    CREATED_AT: { value: 'createdAt' },
    STATUS_CHANGED_AT: { value: 'statusChangedAt' },
    DURATION: { value: 'durationSeconds', description: 'Talk time; calls never answered count as shortest.' },
    ADVERSARIAL_SCORE: { value: 'adversarialScore', description: 'Calls without a score count as lowest.' },
  },
});
export const SortDirectionEnum = builder.enumType('SortDirection', {
  values: { ASC: { value: 'asc' }, DESC: { value: 'desc' } },
});
const CallOrderInput = builder.inputType('CallOrder', {
  fields: (t) => ({
    field: t.field({ type: CallOrderFieldEnum, required: true }),
    direction: t.field({ type: SortDirectionEnum, required: true }),
  }),
});
type CallOrderField = 'createdAt' | 'statusChangedAt' | 'durationSeconds' | 'adversarialScore';

/** The SQL each sort key orders by, and the value of a call under it (what a cursor remembers). */
const SORT_KEYS: Record<CallOrderField, { sql: string; of: (call: CallView) => string | number }> = {
  createdAt: { sql: 'c.created_at', of: (call) => call.createdAt },
  statusChangedAt: { sql: 'c.status_changed_at', of: (call) => call.statusChangedAt },
  durationSeconds: { sql: 'coalesce(c.duration_seconds, -1)', of: (call) => call.durationSeconds ?? -1 },
  adversarialScore: { sql: 'coalesce(c.adversarial_score, -1)', of: (call) => call.adversarialScore ?? -1 },
};

/** Keyset cursors: the sort key's value and the id of the last call on the page. */
const encodeCursor = (field: CallOrderField, call: CallView) =>
  Buffer.from(JSON.stringify([field, SORT_KEYS[field].of(call), call.id])).toString('base64url');
function decodeCursor(cursor: string, field: CallOrderField): { value: string | number; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  } catch {
    parsed = undefined;
  }
  const [cursorField, value, id] = Array.isArray(parsed) ? parsed : [];
  const valid =
    cursorField === field &&
    typeof id === 'string' &&
    isUuid(id) &&
    (typeof value === 'number' || (typeof value === 'string' && !Number.isNaN(Date.parse(value))));
  if (!valid) throw new ValidationError([{ field: 'after', message: 'is not a cursor from this API for this order' }]);
  return { value: value as string | number, id };
}

const listArgs = z.object({
  first: z.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100'),
  filter: z
    .object({
      businessId: z.string().refine(isUuid, 'must be a UUID').nullish(),
      phoneNumber: z.string().refine(isE164, 'must be an E.164 number like +14155550100').nullish(),
      text: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish(),
      outcome: z.array(z.string().trim().min(1).max(60)).max(20).nullish(),
      minAdversarialScore: z.number().min(0).max(10).nullish(),
      minQaScore: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
      maxQaScore: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').nullish(),
    })
    .passthrough()
    .nullish(),
});

builder.queryFields((t) => ({
  call: t.field({
    type: CallRef,
    nullable: true,
    authScopes: { permission: 'calls:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, { em, auth }) => {
      if (!isUuid(id)) return null;
      const call = await em.findOne(Call, { id, organization: auth!.organizationId });
      return call ? toCallView(call) : null;
    },
  }),
  calls: t.field({
    type: CallConnectionRef,
    description: 'Calls, filtered and sorted (newest first unless `orderBy` says otherwise).',
    authScopes: { permission: 'calls:read' },
    errors: { types: [ValidationError] },
    args: {
      first: t.arg.int({ defaultValue: 50 }),
      after: t.arg.string(),
      filter: t.arg({ type: CallFilterInput }),
      orderBy: t.arg({ type: CallOrderInput, description: 'Default: newest first (CREATED_AT DESC).' }),
    },
    resolve: async (_root, args, { em, auth }) => {
      const { first } = parseInput(listArgs, { ...args, first: args.first ?? 50 });
      const f = args.filter;
      const where: FilterQuery<Call> = { organization: auth!.organizationId };
      if (f?.status?.length) where.status = { $in: f.status };
      if (f?.direction) where.direction = f.direction;
      if (f?.businessId) where.business = f.businessId;
      if (f?.createdAfter || f?.createdBefore) {
        where.createdAt = {
          ...(f.createdAfter && { $gte: f.createdAfter }),
          ...(f.createdBefore && { $lt: f.createdBefore }),
        };
      }
      if (f?.phoneNumber) where.$or = [{ fromNumber: f.phoneNumber }, { toNumber: f.phoneNumber }];
      if (f?.outcome?.length) where.outcome = { $in: f.outcome };
      if (typeof f?.minAdversarialScore === 'number') where.adversarialScore = { $gte: f.minAdversarialScore };
      // Full-text search. A word said in few lines: the GIN index on call_interaction's text lists
      // them, and the calls are those. A common one: a condition of the list's own statement, which
      // walks the calls in order and stops at the page (listing every match first cost seconds at a
      // million calls; `npm run bench:api`).
      const textMatch: (RawQueryFragment & symbol)[] = [];
      if (f?.text) {
        const lines = await em.execute<{ call_id: string }[]>(
          `select ci.call_id from call_interaction ci
           where ci.search_vector @@ websearch_to_tsquery('english', ?) limit ?`,
          [f.text, FEW_TEXT_MATCHES + 1],
        );
        if (lines.length <= FEW_TEXT_MATCHES) where.id = { $in: [...new Set(lines.map((l) => l.call_id))] };
        else
          textMatch.push(
            raw(
              // A subquery per call, which the planner cannot turn into a join: it would read every
              // matching line from the text index first (its estimate of a common phrase is far low).
              (alias) =>
                `coalesce((select true from call_interaction ci where ci.call_id = ${alias}.id
                   and ci.search_vector @@ websearch_to_tsquery('english', ?) limit 1), false)`,
              [f.text],
            ),
          );
      }
      const field: CallOrderField = args.orderBy?.field ?? 'createdAt';
      const direction = args.orderBy?.direction ?? 'desc';
      const key = SORT_KEYS[field];
      // The final score as analytics counts it (call_facts, kept by triggers); a raw key is built per use.
      const qaBounds = [
        ...(typeof f?.minQaScore === 'number' ? [['>=', f.minQaScore] as const] : []),
        ...(typeof f?.maxQaScore === 'number' ? [['<=', f.maxQaScore] as const] : []),
      ];
      const conditions = [
        ...qaBounds.map(([operator, bound]) =>
          raw(
            (alias) =>
              `exists (select 1 from call_facts qf where qf.call_id = ${alias}.id and qf.qa_score ${operator} ?)`,
            [bound],
          ),
        ),
        ...textMatch,
      ];
      const scoped = (): FilterQuery<Call> =>
        conditions.length === 0 ? where : { ...where, $and: conditions.map((condition) => ({ [condition]: [] })) };
      const page = em.createQueryBuilder(Call, 'c').where(scoped() as QBFilterQuery<Call, 'c'>);
      if (args.after) {
        const cursor = decodeCursor(args.after, field);
        page.andWhere(`(${key.sql}, c.id) ${direction === 'desc' ? '<' : '>'} (?, ?)`, [cursor.value, cursor.id]);
      }
      page.orderBy([{ [raw(key.sql)]: direction }, { id: direction }]).limit(first + 1);
      const rows = await page.getResultList();
      let counted: Promise<number> | undefined;
      const count = () => {
        const matching = em
          .createQueryBuilder(Call, 'c')
          .select(raw('1'))
          .where(scoped() as QBFilterQuery<Call, 'c'>)
          .limit(CALL_COUNT_CAP + 1);
        counted ??= em
          .execute<{ n: number }[]>(`select count(*)::int as n from (${matching.getQuery()}) matching`, [
            ...matching.getParams(),
          ])
          .then(([row]) => row?.n ?? 0);
        return counted;
      };
      const edges = rows.slice(0, first).map((row) => {
        const node = toCallView(row);
        return { cursor: encodeCursor(field, node), node };
      });
      return {
        edges,
        count,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  }),
}));
