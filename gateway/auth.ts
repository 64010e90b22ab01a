import { randomBytes } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { ApiKey, AuthSession, PasswordResetToken, RefreshToken, User } from '../db/entities/index.ts';
import type { Orm } from '../db/orm.ts';
import type { Config } from '../lib/config.ts';
import { InvalidCredentialsError, InvalidTokenError } from '../lib/errors.ts';
import type { Logger } from '../lib/logger.ts';
import type { Mailer } from '../lib/mailer.ts';
import { assertPasswordPolicy, normalizeEmail } from '../lib/password-policy.ts';
import type { Role } from '../lib/permissions.ts';
import { dummyPasswordHash, hashPassword, randomToken, sameHash, sha256, verifyPassword } from '../lib/secrets.ts';
import type { Accounts, ClientInfo, Principal, Session } from '../schema/context.ts';
import { unauthenticated } from '../schema/request-errors.ts';

const API_KEY_PREFIX = 'cpk_';
const INVITATION_TTL_SECONDS = 7 * 86_400;
const ISSUER = 'callplatform';

/** Sessions, tokens, password resets and API keys. Stateless apart from Postgres. */
export class AuthService implements Accounts {
  readonly #orm: Orm;
  readonly #config: Config;
  readonly #mailer: Mailer;
  readonly #logger: Logger;
  readonly #secret: Uint8Array;

  constructor(deps: { orm: Orm; config: Config; mailer: Mailer; logger: Logger }) {
    this.#orm = deps.orm;
    this.#config = deps.config;
    this.#mailer = deps.mailer;
    this.#logger = deps.logger;
    this.#secret = new TextEncoder().encode(deps.config.auth.jwtSecret);
  }

  async login(email: string, password: string, client: ClientInfo): Promise<Session> {
    const em = this.#orm.em.fork();
    const user = await em.findOne(User, { email: normalizeEmail(email) });
    const ok = user?.passwordHash
      ? await verifyPassword(user.passwordHash, password)
      : await verifyPassword(await dummyPasswordHash(), password);
    if (!user || !ok || !user.active) throw new InvalidCredentialsError();
    user.lastLoginAt = new Date();
    const session = em.create(AuthSession, {
      user,
      expiresAt: this.#refreshExpiry(),
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      ip: client.ip,
    });
    const issued = await this.#issue(em, session);
    await em.flush();
    return { user, ...issued };
  }

  /**
   * Trades a refresh token for a new pair. Each refresh token works once: presenting a used one
   * means it was copied, so the whole session is revoked.
   */
  async refresh(refreshToken: string): Promise<Session> {
    const em = this.#orm.em.fork();
    type Outcome = { session: Session } | { reusedSessionId: string; userId: string } | undefined;
    const outcome = await em.transactional(async (tx): Promise<Outcome> => {
      const stored = await tx.findOne(
        RefreshToken,
        { tokenHash: sha256(refreshToken) },
        { populate: ['session', 'session.user'], lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!stored) return undefined;
      const { session } = stored;
      if (stored.usedAt) return { reusedSessionId: session.id, userId: session.user.id };
      if (session.revokedAt || stored.expiresAt < new Date() || !session.user.active) return undefined;
      stored.usedAt = new Date();
      const issued = await this.#issue(tx, session);
      return { session: { user: session.user, ...issued } };
    });
    if (outcome && 'session' in outcome) return outcome.session;
    if (outcome) {
      // A used token came back: it was copied. End the session so the copy is worthless too.
      await em.nativeUpdate(
        AuthSession,
        { id: outcome.reusedSessionId, revokedAt: null },
        { revokedAt: new Date(), revokedReason: 'refresh_token_reused' },
      );
      this.#logger.warn(
        { sessionId: outcome.reusedSessionId, userId: outcome.userId },
        'refresh token reused; session revoked',
      );
    }
    throw new InvalidTokenError();
  }

  /** Ends the session the refresh token belongs to; unknown tokens are ignored. */
  async logout(refreshToken: string): Promise<void> {
    const em = this.#orm.em.fork();
    const stored = await em.findOne(RefreshToken, { tokenHash: sha256(refreshToken) }, { populate: ['session'] });
    if (stored && !stored.session.revokedAt) {
      stored.session.revokedAt = new Date();
      stored.session.revokedReason = 'logout';
      await em.flush();
    }
  }

  /** Resolves a bearer credential; throws a 401 GraphQL error for anything not currently valid. */
  async authenticate(bearer: string): Promise<Principal> {
    return bearer.startsWith(API_KEY_PREFIX) ? this.#authenticateApiKey(bearer) : this.#authenticateAccessToken(bearer);
  }

  /** Emails a single-use reset link when the address belongs to an active user; silent otherwise. */
  async requestPasswordReset(email: string): Promise<void> {
    const em = this.#orm.em.fork();
    const user = await em.findOne(User, { email: normalizeEmail(email), active: true });
    if (!user) return;
    const ttl = this.#config.auth.resetTokenTtlSeconds;
    const link = await this.#passwordLink(em, user, ttl);
    await this.#mailer.send({
      to: user.email,
      subject: 'Reset your Call Platform password',
      text: `Hello ${user.displayName},\n\nSomeone asked to reset the password of your Call Platform account.\nSet a new one here within ${Math.round(ttl / 60)} minutes:\n\n${link}\n\nThe link works once. If you did not ask for this, ignore this mail; your password stays as it is.\n`,
    });
  }

  /** Emails a new user a single-use link to choose their password. */
  async inviteUser(userId: string, invitedBy: string): Promise<void> {
    const em = this.#orm.em.fork();
    const user = await em.findOneOrFail(User, userId, { populate: ['organization'] });
    const link = await this.#passwordLink(em, user, INVITATION_TTL_SECONDS);
    await this.#mailer.send({
      to: user.email,
      subject: `You are invited to Call Platform (${user.organization.name})`,
      text: `Hello ${user.displayName},\n\n${invitedBy} added you to ${user.organization.name} on Call Platform as ${user.role}.\nChoose your password here within ${INVITATION_TTL_SECONDS / 86_400} days, then sign in with ${user.email}:\n\n${link}\n\nThe link works once.\n`,
    });
  }

  async #passwordLink(em: ReturnType<Orm['em']['fork']>, user: User, ttlSeconds: number): Promise<string> {
    const token = randomToken();
    em.create(PasswordResetToken, {
      user,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + ttlSeconds * 1000),
    });
    await em.flush();
    return `${this.#config.gateway.publicUrl}/reset-password?token=${token}`;
  }

  /** Sets a new password with a reset token, once; every existing session of the user ends. */
  async resetPassword(token: string, newPassword: string): Promise<User> {
    assertPasswordPolicy(newPassword);
    const em = this.#orm.em.fork();
    return em.transactional(async (tx) => {
      const stored = await tx.findOne(PasswordResetToken, { tokenHash: sha256(token) }, { populate: ['user'] });
      if (!stored || stored.usedAt || stored.expiresAt < new Date() || !stored.user.active)
        throw new InvalidTokenError();
      stored.usedAt = new Date();
      stored.user.passwordHash = await hashPassword(newPassword);
      await tx.nativeUpdate(
        AuthSession,
        { user: stored.user.id, revokedAt: null },
        { revokedAt: new Date(), revokedReason: 'password_reset' },
      );
      return stored.user;
    });
  }

  /** Makes a key; the secret is returned once and only its hash is kept. */
  async createApiKey(input: {
    organizationId: string;
    name: string;
    role: Role;
    expiresAt: Date | null;
    createdById: string | null;
  }): Promise<{ apiKey: ApiKey; secret: string }> {
    const em = this.#orm.em.fork();
    const prefix = randomBytes(6).toString('hex');
    const secret = `${API_KEY_PREFIX}${prefix}_${randomToken(32)}`;
    const apiKey = em.create(ApiKey, {
      organization: input.organizationId,
      name: input.name,
      prefix,
      keyHash: sha256(secret),
      role: input.role,
      expiresAt: input.expiresAt,
      createdBy: input.createdById,
    });
    await em.flush();
    return { apiKey, secret };
  }

  async #issue(em: ReturnType<Orm['em']['fork']>, session: AuthSession) {
    const refreshToken = randomToken();
    const refreshTokenExpiresAt = session.expiresAt;
    em.create(RefreshToken, { session, tokenHash: sha256(refreshToken), expiresAt: refreshTokenExpiresAt });
    // Whole seconds, as the JWT's exp claim has them, so clients see the real expiry.
    const expSeconds = Math.floor(Date.now() / 1000) + this.#config.auth.accessTokenTtlSeconds;
    const accessTokenExpiresAt = new Date(expSeconds * 1000);
    const accessToken = await new SignJWT({ sid: session.id, typ: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.user.id)
      .setIssuer(ISSUER)
      .setIssuedAt()
      .setExpirationTime(expSeconds)
      .sign(this.#secret);
    return { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt };
  }

  #refreshExpiry(): Date {
    return new Date(Date.now() + this.#config.auth.refreshTokenTtlSeconds * 1000);
  }

  async #authenticateAccessToken(token: string): Promise<Principal> {
    let sessionId: unknown;
    try {
      const { payload } = await jwtVerify(token, this.#secret, { issuer: ISSUER, algorithms: ['HS256'] });
      if (payload.typ !== 'access') throw unauthenticated('Not an access token.');
      sessionId = payload.sid;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The access token has expired; refresh it.');
      throw unauthenticated('The access token is not valid.');
    }
    if (typeof sessionId !== 'string') throw unauthenticated('The access token is not valid.');
    const session = await this.#orm.em.fork().findOne(AuthSession, { id: sessionId }, { populate: ['user'] });
    if (!session || session.revokedAt || session.expiresAt < new Date() || !session.user.active) {
      throw unauthenticated('The session has ended; sign in again.');
    }
    const { user } = session;
    return {
      kind: 'user',
      id: user.id,
      sessionId: session.id,
      label: user.email,
      role: user.role,
      organizationId: user.organization.id,
    };
  }

  async #authenticateApiKey(secret: string): Promise<Principal> {
    const prefix = secret.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + 12);
    const em = this.#orm.em.fork();
    const key = await em.findOne(ApiKey, { prefix });
    if (!key || !sameHash(key.keyHash, sha256(secret))) throw unauthenticated('The API key is not valid.');
    if (key.revokedAt) throw unauthenticated('The API key has been revoked.');
    if (key.expiresAt && key.expiresAt < new Date()) throw unauthenticated('The API key has expired.');
    // Note the use, at most once a minute per key, so busy integrations do not write on every call.
    await em.nativeUpdate(
      ApiKey,
      { id: key.id, $or: [{ lastUsedAt: null }, { lastUsedAt: { $lt: new Date(Date.now() - 60_000) } }] },
      { lastUsedAt: new Date() },
    );
    return { kind: 'apiKey', id: key.id, label: key.name, role: key.role, organizationId: key.organization.id };
  }
}
