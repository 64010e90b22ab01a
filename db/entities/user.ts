import { randomUUID } from 'node:crypto';
import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps } from './common.ts';

export const USER_ROLES = ['admin', 'supervisor', 'agent', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    email: p.string().length(320).unique(),
    displayName: p.string(),
    role: p.enum(USER_ROLES).default('viewer'),
    passwordHash: p.string().nullable().hidden(),
    lastLoginAt: p.datetime().nullable(),
    ...timestamps(),
  },
});
export type User = InferEntity<typeof User>;
