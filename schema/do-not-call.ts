/**
 * The organisation's do-not-call list over GraphQL: numbers added by people or integrators (and by
 * callees who asked during a call), looked up, changed and removed. Every campaign checks it when
 * it dials, so a number added now is never dialled again.
 */
import type { FilterQuery } from '@mikro-orm/core';
import { OPEN_STATUSES } from '../db/campaigns.ts';
import { addToDoNotCall } from '../db/do-not-call.ts';
import { CampaignContact, type DO_NOT_CALL_SOURCES, DoNotCall, Organization } from '../db/entities/index.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { normalizePhoneNumber, phoneCountry } from '../lib/phone.ts';
import { audited, builder } from './builder.ts';
import { PageInfoRef } from './call-history.ts';
import type { GatewayContext } from './context.ts';
import { ownedOrNotFound } from './lookup.ts';

const DoNotCallSourceEnum = builder.enumType('DoNotCallSource', {
  values: {
    MANUAL: { value: 'manual', description: 'Added by a person in the console.' },
    API: { value: 'api', description: 'Added by an integrator.' },
    CALL: { value: 'call', description: 'The callee asked during a call.' },
    IMPORT: { value: 'import', description: 'Imported.' },
  } satisfies Record<string, { value: (typeof DO_NOT_CALL_SOURCES)[number]; description: string }>,
});

export const DoNotCallRef = builder.objectRef<DoNotCall>('DoNotCallEntry').implement({
  description: 'A number the organisation does not call, from any campaign.',
  fields: (t) => ({
    id: t.exposeID('id'),
    phoneNumber: t.exposeString('phoneNumber'),
    reason: t.exposeString('reason', { nullable: true }),
    source: t.field({ type: DoNotCallSourceEnum, resolve: (e) => e.source }),
    addedBy: t.exposeString('addedByLabel', { nullable: true }),
    callId: t.exposeID('callId', { nullable: true, description: 'The call it was asked on.' }),
    createdAt: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
  }),
});

const DoNotCallConnectionRef = builder
  .objectRef<{ nodes: DoNotCall[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>(
    'DoNotCallConnection',
  )
  .implement({
    fields: (t) => ({
      nodes: t.field({ type: [DoNotCallRef], resolve: (c) => c.nodes }),
      totalCount: t.exposeInt('totalCount'),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
    }),
  });

/** A number as typed, in E.164 (national numbers in the organisation's country), or a ValidationError. */
async function numberOf(ctx: GatewayContext, typed: string, field = 'phoneNumber'): Promise<string> {
  const organization = await ctx.em.findOneOrFail(Organization, ctx.auth!.organizationId);
  const read = normalizePhoneNumber(typed, phoneCountry(organization.country));
  if (!read.ok) throw new ValidationError([{ field, message: read.problem }]);
  return read.e164;
}

const reasonOf = (reason: string | null | undefined) => {
  if (reason && reason.length > 500)
    throw new ValidationError([{ field: 'reason', message: 'must be at most 500 characters' }]);
  return reason?.trim() || null;
};

const AddDoNotCallInput = builder.inputType('AddDoNotCallInput', {
  fields: (t) => ({
    phoneNumber: t.string({ required: true, description: "E.164, or national in the organisation's country." }),
    reason: t.string({ required: false }),
  }),
});

builder.queryFields((t) => ({
  doNotCallEntries: t.field({
    type: DoNotCallConnectionRef,
    description: 'The do-not-call list, newest first; `search` matches part of the number or the reason.',
    authScopes: { permission: 'dnc:read' },
    args: { search: t.arg.string(), first: t.arg.int({ defaultValue: 50 }), after: t.arg.string() },
    resolve: async (_root, args, ctx) => {
      const first = Math.min(Math.max(args.first ?? 50, 1), 200);
      const where: FilterQuery<DoNotCall> = { organization: ctx.auth!.organizationId };
      const search = args.search?.trim();
      if (search) {
        where.$or = [
          { phoneNumber: { $like: `%${search.replace(/[\s()-]/g, '')}%` } },
          { reason: { $ilike: `%${search}%` } },
        ];
      }
      const after = args.after && !Number.isNaN(Date.parse(args.after)) ? new Date(args.after) : null;
      const [rows, totalCount] = await Promise.all([
        ctx.em.find(DoNotCall, after ? { ...where, createdAt: { $lt: after } } : where, {
          orderBy: { createdAt: 'desc' },
          limit: first + 1,
        }),
        ctx.em.count(DoNotCall, where),
      ]);
      const nodes = rows.slice(0, first);
      return {
        nodes,
        totalCount,
        pageInfo: { hasNextPage: rows.length > first, endCursor: nodes.at(-1)?.createdAt.toISOString() ?? null },
      };
    },
  }),
  doNotCallLookup: t.field({
    type: DoNotCallRef,
    nullable: true,
    description: 'The entry for a number, or null when it may be called.',
    authScopes: { permission: 'dnc:read' },
    errors: { types: [ValidationError] },
    args: { phoneNumber: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) =>
      ctx.em.findOne(DoNotCall, {
        organization: ctx.auth!.organizationId,
        phoneNumber: await numberOf(ctx, args.phoneNumber),
      }),
  }),
}));

builder.mutationFields((t) => ({
  addDoNotCall: t.field({
    type: DoNotCallRef,
    description:
      "Puts a number on the list (a number already there keeps its entry). Campaigns check the list when they dial, and the number's open contacts are marked at once.",
    authScopes: { permission: 'dnc:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: AddDoNotCallInput, required: true }) },
    resolve: audited('DoNotCallEntry', async (_root, { input }, ctx) => {
      const phoneNumber = await numberOf(ctx, input.phoneNumber);
      const auth = ctx.auth!;
      return ctx.em.transactional(async (tx) => {
        const entry = await addToDoNotCall(tx, {
          organizationId: auth.organizationId,
          phoneNumber,
          reason: reasonOf(input.reason),
          source: auth.kind === 'apiKey' ? 'api' : 'manual',
          addedById: auth.id,
          addedByLabel: auth.label,
        });
        await tx.nativeUpdate(
          CampaignContact,
          { organization: auth.organizationId, phoneNumber, status: { $in: [...OPEN_STATUSES] } },
          { status: 'skipped_dnc', nextAttemptAt: null },
        );
        return entry;
      });
    }),
  }),
  updateDoNotCall: t.field({
    type: DoNotCallRef,
    description: "Changes an entry's reason.",
    authScopes: { permission: 'dnc:manage' },
    errors: { types: [ValidationError, NotFoundError] },
    args: { id: t.arg.id({ required: true }), reason: t.arg.string() },
    resolve: audited('DoNotCallEntry', async (_root, args, ctx) => {
      const entry = await ownedOrNotFound(ctx, DoNotCall, args.id);
      entry.reason = reasonOf(args.reason);
      await ctx.em.flush();
      return entry;
    }),
  }),
  removeDoNotCall: t.field({
    type: DoNotCallRef,
    description: 'Takes a number off the list; campaigns may call it again (contacts skipped for it stay skipped).',
    authScopes: { permission: 'dnc:manage' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('DoNotCallEntry', async (_root, { id }, ctx) => {
      const entry = await ownedOrNotFound(ctx, DoNotCall, id);
      await ctx.em.remove(entry).flush();
      return entry;
    }),
  }),
}));
