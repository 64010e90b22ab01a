import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

export const BUSINESS_TYPES = ['customer_support', 'sales', 'appointments', 'custom'] as const;

/**
 * A business the platform answers for: who the AI is, how it sounds, when it hands over. Its numbers
 * are claimed in `business_phone_number` by a trigger while it is active, so the database itself
 * refuses a number that another business (of any organisation) already answers.
 */
export const BusinessConfig = defineEntity({
  name: 'BusinessConfig',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    type: p.enum(BUSINESS_TYPES).default('customer_support'),
    description: p.text().nullable(),
    /** E.164 numbers; an inbound call to one of them picks this config. */
    phoneNumbers: p.array().default([]),
    /** The agent's instructions, a template (lib/agent-prompt.ts); each change is kept as a version. */
    systemPrompt: p.text(),
    greeting: p.text().nullable(),
    /** The number of the current instructions version (business_instructions_version). */
    instructionsVersion: p.integer().default(1),
    voice: p.string().default('alloy'),
    model: p.string().default('gpt-realtime'),
    temperature: p.double().default(0.8),
    /** BCP 47 tag of the language the agent speaks. */
    language: p.string().length(35).default('en-US'),
    /** IANA time zone: the agent's clock and the calling hours. */
    timeZone: p.string().length(64).default('UTC'),
    /** E.164 number a call is handed to on takeover or escalation when no other number is given. */
    handoffNumber: p.string().length(16).nullable(),
    /** Outbound calls: detect answering machines; with a message, leave it after the beep, else hang up. */
    answeringMachineDetection: p.boolean().default(false),
    voicemailMessage: p.text().nullable(),
    /** `quality` (quality/settings.ts) and `knowledge` (knowledge/lookup-settings.ts). */
    settings: p
      .json<Record<string, unknown>>()
      .default('{}')
      .onCreate(() => ({})),
    active: p.boolean().default(true),
    /** When it was archived (inactive, kept with its calls); null while active. */
    archivedAt: p.datetime().nullable(),
    ...timestamps(),
  },
  uniques: [{ properties: ['organization', 'name'] }],
  triggers: [
    {
      name: 'business_config_claims_numbers',
      timing: 'after',
      events: ['insert', 'update'],
      forEach: 'row',
      body: `delete from business_phone_number where business_id = new.id and (not new.active or not (number = any(new.phone_numbers)));
if new.active then
  insert into business_phone_number (number, business_id)
    select n, new.id from unnest(new.phone_numbers) as n
    where not exists (select 1 from business_phone_number b where b.number = n and b.business_id = new.id);
end if;
return null;`,
    },
  ],
});
export type BusinessConfig = InferEntity<typeof BusinessConfig>;

/**
 * Which business answers a number: one row per number of every active business, kept by the trigger on
 * business_config. The number is the primary key, so it belongs to one business across organisations.
 */
export const BusinessPhoneNumber = defineEntity({
  name: 'BusinessPhoneNumber',
  properties: {
    number: p.string().length(16).primary(),
    business: () => p.manyToOne(BusinessConfig).deleteRule('cascade'),
  },
});
export type BusinessPhoneNumber = InferEntity<typeof BusinessPhoneNumber>;

/** One version of a business's agent instructions and greeting: who changed them, and when. */
export const BusinessInstructionsVersion = defineEntity({
  name: 'BusinessInstructionsVersion',
  properties: {
    id: uuidPrimaryKey(),
    business: () => p.manyToOne(BusinessConfig).deleteRule('cascade'),
    version: p.integer(),
    instructions: p.text(),
    greeting: p.text().nullable(),
    /** The user or API key that made it (a plain id, so the record outlives them); null for the platform. */
    createdById: p.uuid().nullable(),
    createdByLabel: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
  uniques: [{ properties: ['business', 'version'] }],
});
export type BusinessInstructionsVersion = InferEntity<typeof BusinessInstructionsVersion>;
