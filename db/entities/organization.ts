import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';

/** Where a new organisation's admin is in the setup wizard (each step is kept, so it can be resumed). */
export interface SetupState {
  /** Steps done or skipped, by name (schema/setup.ts lists them). */
  steps: Record<string, 'done' | 'skipped'>;
  /** The business the wizard created, and the test call it placed. */
  businessId: string | null;
  testCallId: string | null;
  completedAt: string | null;
}

/** A customer of the platform; every user, key, business and call belongs to exactly one. */
export const Organization = defineEntity({
  name: 'Organization',
  properties: {
    id: uuidPrimaryKey(),
    name: p.string().unique(),
    /** ISO 3166 country for phone numbers written without a country code. */
    country: p.string().length(2).nullable(),
    /** IANA time zone new businesses start with. */
    timeZone: p.string().length(64).default('UTC'),
    /** The setup wizard's progress; null for organisations that never needed it (set up before it existed). */
    setup: p.json<SetupState>().nullable(),
    ...timestamps(),
  },
});
export type Organization = InferEntity<typeof Organization>;
