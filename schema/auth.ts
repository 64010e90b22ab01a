import { z } from 'zod';
import { InvalidCredentialsError, InvalidTokenError, ValidationError } from '../lib/errors.ts';
import { normalizeEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../lib/password-policy.ts';
import { audited, builder } from './builder.ts';
import type { GatewayContext, Session } from './context.ts';
import { UserRef } from './users.ts';
import { parseInput } from './validation.ts';

export const AuthPayloadRef = builder.objectRef<Session & { id: string }>('AuthPayload').implement({
  description:
    'A signed-in session. Send `accessToken` as `Authorization: Bearer …`; trade `refreshToken` for a new pair before it expires.',
  fields: (t) => ({
    accessToken: t.exposeString('accessToken'),
    accessTokenExpiresAt: t.field({ type: 'DateTime', resolve: (s) => s.accessTokenExpiresAt }),
    refreshToken: t.exposeString('refreshToken'),
    refreshTokenExpiresAt: t.field({ type: 'DateTime', resolve: (s) => s.refreshTokenExpiresAt }),
    user: t.field({ type: UserRef, resolve: (s) => s.user }),
  }),
});

const PasswordPolicyRef = builder.objectRef<{ minLength: number; maxLength: number }>('PasswordPolicy').implement({
  description: "A new password's length limits: resetPassword and createUser refuse a password outside them.",
  fields: (t) => ({
    minLength: t.exposeInt('minLength', { description: 'Fewest characters.' }),
    maxLength: t.exposeInt('maxLength', { description: 'Most characters.' }),
  }),
});

builder.queryField('passwordPolicy', (t) =>
  t.field({
    type: PasswordPolicyRef,
    description: 'The password rules, for forms that set a password before anyone is signed in.',
    resolve: () => ({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH }),
  }),
);

const emailInput = z.object({ email: z.email('must be an email address').max(320) });

/** Brute-force guard: per address and per client address, shared by every gateway. */
export async function limitLogin(ctx: GatewayContext, email: string): Promise<void> {
  const { loginAttemptsPer15Minutes, loginAttemptsPerIpPer15Minutes } = ctx.config.limits;
  await ctx.limiter.hit({ name: 'login', max: loginAttemptsPer15Minutes, windowSeconds: 900 }, `email:${email}`);
  await ctx.limiter.hit(
    { name: 'login', max: loginAttemptsPerIpPer15Minutes, windowSeconds: 900 },
    `ip:${ctx.client.ip ?? 'unknown'}`,
  );
}

export const asPayload = (session: Session) => ({ id: session.user.id, ...session });

builder.mutationFields((t) => ({
  login: t.field({
    type: AuthPayloadRef,
    description: 'Signs in with email and password. Repeated failures are rate limited (RATE_LIMITED).',
    errors: { types: [InvalidCredentialsError, ValidationError] },
    args: { email: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
    resolve: audited('User', async (_root, args, ctx) => {
      const email = normalizeEmail(parseInput(emailInput, { email: args.email }).email);
      ctx.audit.actor = { ...ctx.audit.actor, label: email };
      await limitLogin(ctx, email);
      const session = await ctx.accounts.login(email, args.password, ctx.client);
      ctx.audit.actor = {
        type: 'user',
        id: session.user.id,
        label: email,
        organizationId: session.user.organization.id,
      };
      return asPayload(session);
    }),
  }),
  refreshSession: t.field({
    type: AuthPayloadRef,
    description: 'Trades a refresh token for a new pair. Each refresh token works once.',
    errors: { types: [InvalidTokenError] },
    args: { refreshToken: t.arg.string({ required: true }) },
    resolve: async (_root, { refreshToken }, ctx) => asPayload(await ctx.accounts.refresh(refreshToken)),
  }),
  logout: t.boolean({
    description: 'Ends the session of this refresh token; its access tokens stop working at once.',
    args: { refreshToken: t.arg.string({ required: true }) },
    resolve: audited(null, async (_root, { refreshToken }, ctx) => {
      await ctx.accounts.logout(refreshToken);
      return true;
    }),
  }),
  forgotPassword: t.boolean({
    description: 'Emails a single-use reset link if the address has an account. Always answers true.',
    args: { email: t.arg.string({ required: true }) },
    resolve: audited(null, async (_root, args, ctx) => {
      const email = normalizeEmail(parseInput(emailInput, { email: args.email }).email);
      ctx.audit.actor = { ...ctx.audit.actor, label: email };
      await limitLogin(ctx, email);
      await ctx.accounts.requestPasswordReset(email).catch((error: unknown) => {
        ctx.logger.error({ err: error }, 'password reset mail failed');
      });
      return true;
    }),
  }),
  resetPassword: t.field({
    type: UserRef,
    description: 'Sets a new password with the token from the reset mail; signs the user out everywhere.',
    errors: { types: [InvalidTokenError, ValidationError] },
    args: { token: t.arg.string({ required: true }), newPassword: t.arg.string({ required: true }) },
    resolve: audited('User', async (_root, { token, newPassword }, ctx) => {
      const user = await ctx.accounts.resetPassword(token, newPassword);
      ctx.audit.actor = { type: 'user', id: user.id, label: user.email, organizationId: user.organization.id };
      return user;
    }),
  }),
}));
