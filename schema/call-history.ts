import { type FilterQuery, raw } from '@mikro-orm/core';
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

const CallConnectionRef = builder
  .objectRef<{
    edges: { cursor: string; node: CallView }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    totalCount: number;
  }>('CallConnection')
  .implement({
    fields: (t) => ({
      edges: t.field({ type: [CallEdgeRef], resolve: (c) => c.edges }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
      totalCount: t.exposeInt('totalCount'),
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
      if (f?.text) {
        // Uses the GIN index on call_interaction's text.
        const matches = await em.execute<{ call_id: string }[]>(
          `select distinct ci.call_id from call_interaction ci join call c on c.id = ci.call_id
           where c.organization_id = ? and to_tsvector('english', ci.text) @@ websearch_to_tsquery('english', ?)`,
          [auth!.organizationId, f.text],
        );
        where.id = { $in: matches.map((m) => m.call_id) };
      }
      const field: CallOrderField = args.orderBy?.field ?? 'createdAt';
      const direction = args.orderBy?.direction ?? 'desc';
      const key = SORT_KEYS[field];
      // The final score as analytics counts it (call_facts, kept by triggers); a raw key is built per use.
      const qaBounds = [
        ...(typeof f?.minQaScore === 'number' ? [['>=', f.minQaScore] as const] : []),
        ...(typeof f?.maxQaScore === 'number' ? [['<=', f.maxQaScore] as const] : []),
      ];
      const scoped = (): FilterQuery<Call> =>
        qaBounds.length === 0
          ? where
          : {
              ...where,
              $and: qaBounds.map(([operator, bound]) => ({
                [raw(
                  (alias) =>
                    `exists (select 1 from call_facts qf where qf.call_id = ${alias}.id and qf.qa_score ${operator} ?)`,
                  [bound],
                )]: [],
              })),
            };
      const page = em.createQueryBuilder(Call, 'c').where(scoped() as QBFilterQuery<Call, 'c'>);
      if (args.after) {
        const cursor = decodeCursor(args.after, field);
        page.andWhere(`(${key.sql}, c.id) ${direction === 'desc' ? '<' : '>'} (?, ?)`, [cursor.value, cursor.id]);
      }
      page.orderBy([{ [raw(key.sql)]: direction }, { id: direction }]).limit(first + 1);
      const [rows, totalCount] = await Promise.all([page.getResultList(), em.count(Call, scoped())]);
      const edges = rows.slice(0, first).map((row) => {
        const node = toCallView(row);
        return { cursor: encodeCursor(field, node), node };
      });
      return {
        edges,
        totalCount,
        pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    },
  }),
}));
