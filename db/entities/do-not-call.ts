import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

export const DO_NOT_CALL_SOURCES = ['manual', 'api', 'call', 'import'] as const;
export type DoNotCallSource = (typeof DO_NOT_CALL_SOURCES)[number];

/**
 * A number the organisation must not call, whichever campaign or business: added by a person, an
 * integrator, or the callee asking during a call. Campaigns check it when they dial.
 */
export const DoNotCall = defineEntity({
  name: 'DoNotCall',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    phoneNumber: p.string().length(16),
    reason: p.string().length(500).nullable(),
    source: p.enum(DO_NOT_CALL_SOURCES),
    /** Who added it (a plain id and label, so the record outlives them); the call it was asked on. */
    addedById: p.uuid().nullable(),
    addedByLabel: p.string().nullable(),
    callId: p.uuid().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['organization', 'phoneNumber'] }],
  indexes: [{ properties: ['organization', 'createdAt'] }],
});
export type DoNotCall = InferEntity<typeof DoNotCall>;
