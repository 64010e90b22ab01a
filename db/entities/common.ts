import { randomUUID } from 'node:crypto';
import { p } from '@mikro-orm/core';

/** A UUID primary key generated on insert. */
export const uuidPrimaryKey = () =>
  p
    .uuid()
    .primary()
    .onCreate(() => randomUUID());

/** `createdAt` and `updatedAt`, set by the ORM. */
export const timestamps = () => ({
  createdAt: p.datetime().onCreate(() => new Date()),
  updatedAt: p
    .datetime()
    .onCreate(() => new Date())
    .onUpdate(() => new Date()),
});

/** A secret token stored as its SHA-256 that works once before it expires (refresh, password reset). */
export const singleUseToken = () => ({
  tokenHash: p.string().length(64).unique(),
  expiresAt: p.datetime(),
  usedAt: p.datetime().nullable(),
  createdAt: p.datetime().onCreate(() => new Date()),
});
