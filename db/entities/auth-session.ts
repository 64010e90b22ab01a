import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { singleUseToken, uuidPrimaryKey } from './common.ts';
import { User } from './user.ts';

/**
 * One login. Access tokens name it (`sid`), so revoking it (logout, password reset, a reused
 * refresh token) refuses every token issued for it at once.
 */
export const AuthSession = defineEntity({
  name: 'AuthSession',
  properties: {
    id: uuidPrimaryKey(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    expiresAt: p.datetime(),
    revokedAt: p.datetime().nullable(),
    revokedReason: p.string().nullable(),
    userAgent: p.string().length(512).nullable(),
    ip: p.string().length(64).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['user'] }],
});
export type AuthSession = InferEntity<typeof AuthSession>;

/** A refresh token, stored as its SHA-256; each is good for one rotation. */
export const RefreshToken = defineEntity({
  name: 'RefreshToken',
  properties: {
    id: uuidPrimaryKey(),
    session: () => p.manyToOne(AuthSession).deleteRule('cascade'),
    ...singleUseToken(),
  },
  indexes: [{ properties: ['session'] }],
});
export type RefreshToken = InferEntity<typeof RefreshToken>;

/** A single-use password reset token, stored as its SHA-256. */
export const PasswordResetToken = defineEntity({
  name: 'PasswordResetToken',
  properties: {
    id: uuidPrimaryKey(),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    ...singleUseToken(),
  },
  indexes: [{ properties: ['user'] }],
});
export type PasswordResetToken = InferEntity<typeof PasswordResetToken>;
