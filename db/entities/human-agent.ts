import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';
import { User } from './user.ts';

export const AVAILABILITIES = ['available', 'busy', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

/**
 * A person escalated calls are routed to. `currentLoad` counts the escalations offered to or held by
 * the agent; routing claims an agent by raising it in one statement, so two escalations never take
 * the same last free place.
 */
export const HumanAgent = defineEntity({
  name: 'HumanAgent',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    /** The agent's console login, so they can accept offers themselves. */
    user: () => p.manyToOne(User).nullable().deleteRule('set null'),
    name: p.string().length(200),
    email: p.string().length(320),
    phoneNumber: p.string().length(16),
    skills: p.array().default([]),
    department: p.string().length(100).nullable(),
    availability: p.enum(AVAILABILITIES).default('offline'),
    maxConcurrent: p.integer().default(1),
    currentLoad: p.integer().default(0),
    /** When the agent was last offered a call: the longest-idle agent goes first among equals. */
    lastOfferedAt: p.datetime().nullable(),
    ...timestamps(),
  },
  indexes: [{ properties: ['organization', 'availability'] }],
  uniques: [{ properties: ['organization', 'email'] }],
});
export type HumanAgent = InferEntity<typeof HumanAgent>;
