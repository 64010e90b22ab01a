import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../lib/permissions.ts';
import { uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

/** An integrator's key: acts with one role inside one organisation. Only its SHA-256 is stored. */
export const ApiKey = defineEntity({
  name: 'ApiKey',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    /** The non-secret start of the key, shown in lists so people can tell keys apart. */
    prefix: p.string().length(16).unique(),
    keyHash: p.string().length(64),
    role: p.enum(ROLES),
    createdBy: () => p.manyToOne(User).nullable().deleteRule('set null'),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type ApiKey = InferEntity<typeof ApiKey>;
