import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export const NOTIFICATION_TYPES = [
  'call_escalated',
  'qa_alert',
  'sentiment_alert',
  'compliance_issue',
  'system_update',
  'adversarial_caller',
  'webhook_disabled',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

/** An in-app message for one user (also emailed when the user's preferences ask for its type). */
export const Notification = defineEntity({
  name: 'Notification',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    user: () => p.manyToOne(User).deleteRule('cascade'),
    type: p.enum(NOTIFICATION_TYPES),
    title: p.string().length(300),
    body: p.text(),
    callId: p.uuid().nullable(),
    escalationId: p.uuid().nullable(),
    /** Makes a retried "notify" write nothing twice (e.g. `escalation:<id>:offer:2:<user>`). */
    dedupeKey: p.string().length(300).unique(),
    readAt: p.datetime().nullable(),
    /** When it was emailed (null: not yet, or the user does not want this type by email). */
    emailedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  indexes: [{ properties: ['user', 'createdAt'] }, { properties: ['user', 'readAt'] }],
});
export type Notification = InferEntity<typeof Notification>;
