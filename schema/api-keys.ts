import { z } from 'zod';
import { ApiKey } from '../db/entities/index.ts';
import { NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { ROLES } from '../lib/permissions.ts';
import { audited, builder } from './builder.ts';
import { RoleEnum } from './users.ts';
import { parseInput } from './validation.ts';

const ApiKeyRef = builder.objectRef<ApiKey>('ApiKey').implement({
  description: 'An integration credential. Its secret is shown once, when it is created.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    prefix: t.string({ description: 'The start of the key, to tell keys apart.', resolve: (k) => `cpk_${k.prefix}` }),
    role: t.field({ type: RoleEnum, resolve: (k) => k.role }),
    createdAt: t.field({ type: 'DateTime', resolve: (k) => k.createdAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.expiresAt ?? null }),
    lastUsedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.lastUsedAt ?? null }),
    revokedAt: t.field({ type: 'DateTime', nullable: true, resolve: (k) => k.revokedAt ?? null }),
  }),
});

const CreatedApiKeyRef = builder.objectRef<{ id: string; apiKey: ApiKey; secret: string }>('CreatedApiKey').implement({
  fields: (t) => ({
    apiKey: t.field({ type: ApiKeyRef, resolve: (c) => c.apiKey }),
    secret: t.exposeString('secret', {
      description: 'Send as `Authorization: Bearer <secret>`. Shown only now; store it safely.',
    }),
  }),
});

const CreateApiKeyInput = builder.inputType('CreateApiKeyInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    expiresAt: t.field({ type: 'DateTime', required: false }),
  }),
});

const createApiKeyInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(ROLES),
  expiresAt: z
    .date()
    .refine((d) => d > new Date(), 'must be in the future')
    .nullish(),
});

builder.queryField('apiKeys', (t) =>
  t.field({
    type: [ApiKeyRef],
    authScopes: { permission: 'apiKeys:manage' },
    resolve: (_root, _args, { em, auth }) =>
      em.find(ApiKey, { organization: auth!.organizationId }, { orderBy: { createdAt: 'desc' } }),
  }),
);

builder.mutationFields((t) => ({
  createApiKey: t.field({
    type: CreatedApiKeyRef,
    authScopes: { permission: 'apiKeys:manage' },
    errors: { types: [ValidationError] },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    resolve: audited('ApiKey', async (_root, { input }, ctx) => {
      const data = parseInput(createApiKeyInput, input);
      const created = await ctx.accounts.createApiKey({
        organizationId: ctx.auth!.organizationId,
        name: data.name,
        role: data.role,
        expiresAt: data.expiresAt ?? null,
        createdById: ctx.auth!.kind === 'user' ? ctx.auth!.id : null,
      });
      return { id: created.apiKey.id, ...created };
    }),
  }),
  revokeApiKey: t.field({
    type: ApiKeyRef,
    authScopes: { permission: 'apiKeys:manage' },
    errors: { types: [NotFoundError] },
    args: { id: t.arg.id({ required: true }) },
    resolve: audited('ApiKey', async (_root, { id }, { em, auth }) => {
      const key = isUuid(id) ? await em.findOne(ApiKey, { id, organization: auth!.organizationId }) : null;
      if (!key) throw new NotFoundError('ApiKey', id);
      key.revokedAt ??= new Date();
      await em.flush();
      return key;
    }),
  }),
}));
