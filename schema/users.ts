import { z } from 'zod';
import { Organization, User } from '../db/entities/index.ts';
import { ConflictError, NotFoundError, ValidationError } from '../lib/errors.ts';
import { isUuid } from '../lib/ids.ts';
import { assertPasswordPolicy, normalizeEmail } from '../lib/password-policy.ts';
import { PERMISSIONS, type Permission, ROLES } from '../lib/permissions.ts';
import { hashPassword } from '../lib/secrets.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext } from './context.ts';
import { parseInput } from './validation.ts';

export const RoleEnum = builder.enumType('Role', {
  values: Object.fromEntries(ROLES.map((role) => [role.toUpperCase(), { value: role }])),
});

/** A permission as a GraphQL enum value: `calls:read` is CALLS_READ, `apiKeys:manage` API_KEYS_MANAGE. */
const permissionEnumName = (permission: Permission) =>
  permission
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .replace(':', '_')
    .toUpperCase();

const PermissionEnum = builder.enumType('Permission', {
  description: "Something a role may do; each value's description is its name in the README's role table.",
  values: Object.fromEntries(
    (Object.keys(PERMISSIONS) as Permission[]).map((permission) => [
      permissionEnumName(permission),
      { value: permission, description: `\`${permission}\`` },
    ]),
  ),
});

export const OrganizationRef = builder.objectRef<Organization>('Organization').implement({
  fields: (t) => ({ id: t.exposeID('id'), name: t.exposeString('name') }),
});

export const UserRef = builder.objectRef<User>('User').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    email: t.exposeString('email'),
    displayName: t.exposeString('displayName'),
    role: t.field({ type: RoleEnum, resolve: (u) => u.role }),
    active: t.exposeBoolean('active'),
    lastLoginAt: t.field({ type: 'DateTime', nullable: true, resolve: (u) => u.lastLoginAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (u) => u.createdAt }),
  }),
});

const ViewerKindEnum = builder.enumType('ViewerKind', {
  values: { USER: { value: 'user' }, API_KEY: { value: 'apiKey' } },
});

builder.queryField('me', (t) =>
  t.field({
    type: builder.objectRef<NonNullable<GatewayContext['auth']>>('Viewer').implement({
      description: 'Who is calling: a signed-in user or an API key, with what they may do.',
      fields: (f) => ({
        kind: f.field({ type: ViewerKindEnum, resolve: (v) => v.kind }),
        id: f.exposeID('id'),
        label: f.exposeString('label'),
        role: f.field({ type: RoleEnum, resolve: (v) => v.role }),
        permissions: f.field({
          type: [PermissionEnum],
          resolve: (v) =>
            (Object.keys(PERMISSIONS) as Permission[]).filter((p) =>
              (PERMISSIONS[p] as readonly string[]).includes(v.role),
            ),
        }),
        organization: f.field({
          type: OrganizationRef,
          resolve: (v, _args, { em }) => em.findOneOrFail(Organization, v.organizationId),
        }),
        user: f.field({
          type: UserRef,
          nullable: true,
          resolve: (v, _args, { em }) => (v.kind === 'user' ? em.findOne(User, v.id) : null),
        }),
      }),
    }),
    authScopes: { authenticated: true },
    resolve: (_root, _args, { auth }) => auth!,
  }),
);

builder.queryField('users', (t) =>
  t.field({
    type: [UserRef],
    description: "The organisation's users.",
    authScopes: { permission: 'users:manage' },
    resolve: (_root, _args, { em, auth }) =>
      em.find(User, { organization: auth!.organizationId }, { orderBy: { email: 'asc' } }),
  }),
);

const CreateUserInput = builder.inputType('CreateUserInput', {
  fields: (t) => ({
    email: t.string({ required: true }),
    displayName: t.string({ required: true }),
    role: t.field({ type: RoleEnum, required: true }),
    password: t.string({ required: false, description: 'Omit to email the user a link to set one.' }),
  }),
});

const UpdateUserInput = builder.inputType('UpdateUserInput', {
  fields: (t) => ({
    displayName: t.string({ required: false }),
    role: t.field({ type: RoleEnum, required: false }),
    active: t.boolean({ required: false, description: 'false signs the user out everywhere and blocks sign-in.' }),
  }),
});

const createUserInput = z.object({
  email: z.email('must be an email address').max(320),
  displayName: z.string().trim().min(1, 'must not be empty').max(200),
  role: z.enum(ROLES),
  password: z.string().nullish(),
});

async function findUserInOrg(ctx: GatewayContext, id: string): Promise<User> {
  const user = isUuid(id) ? await ctx.em.findOne(User, { id, organization: ctx.auth!.organizationId }) : null;
  if (!user) throw new NotFoundError('User', id);
  return user;
}

builder.mutationFields((t) => ({
  createUser: t.field({
    type: UserRef,
    authScopes: { permission: 'users:manage' },
    errors: { types: [ValidationError, ConflictError] },
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    resolve: audited('User', async (_root, { input }, ctx) => {
      const data = parseInput(createUserInput, input);
      if (data.password) assertPasswordPolicy(data.password);
      const email = normalizeEmail(data.email);
      if (await ctx.em.count(User, { email })) throw new ConflictError(`a user with email ${email} exists`);
      const user = ctx.em.create(User, {
        organization: ctx.auth!.organizationId,
        email,
        displayName: data.displayName,
        role: data.role,
        passwordHash: data.password ? await hashPassword(data.password) : null,
      });
      await ctx.em.flush();
      if (!data.password) {
        // The user exists either way; a mail that fails can be sent again with forgotPassword.
        await ctx.accounts.inviteUser(user.id, ctx.auth!.label).catch((error: unknown) => {
          ctx.logger.error({ err: error, userId: user.id }, 'invitation mail failed');
        });
      }
      return user;
    }),
  }),
  updateUser: t.field({
    type: UserRef,
    authScopes: { permission: 'users:manage' },
    errors: { types: [NotFoundError, ConflictError, ValidationError] },
    args: { id: t.arg.id({ required: true }), input: t.arg({ type: UpdateUserInput, required: true }) },
    resolve: audited('User', async (_root, { id, input }, ctx) => {
      const user = await findUserInOrg(ctx, id);
      const self = ctx.auth!.kind === 'user' && ctx.auth!.id === user.id;
      if (self && (input.active === false || (input.role && input.role !== user.role))) {
        throw new ConflictError('you cannot deactivate yourself or change your own role');
      }
      if (input.displayName !== undefined && input.displayName !== null) {
        if (!input.displayName.trim())
          throw new ValidationError([{ field: 'displayName', message: 'must not be empty' }]);
        user.displayName = input.displayName.trim();
      }
      if (input.role) user.role = input.role;
      if (input.active !== undefined && input.active !== null) user.active = input.active;
      await ctx.em.flush();
      return user;
    }),
  }),
}));
