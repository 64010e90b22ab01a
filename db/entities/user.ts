import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { ROLES } from '../../lib/permissions.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

export const User = defineEntity({
  name: 'User',
  tableName: 'app_user',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    /** Stored lower-cased; login matches it case-insensitively. */
    email: p.string().length(320).unique(),
    displayName: p.string(),
    role: p.enum(ROLES).default('viewer'),
    passwordHash: p.string().nullable().hidden(),
    active: p.boolean().default(true),
    lastLoginAt: p.datetime().nullable(),
    /** Notification types also sent to the user by email. */
    emailNotificationTypes: p.array().default(['call_escalated', 'sentiment_alert', 'compliance_issue', 'qa_alert']),
    ...timestamps(),
  },
  indexes: [{ properties: ['organization', 'email'] }],
});
export type User = InferEntity<typeof User>;
