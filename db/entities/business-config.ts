import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { Organization } from './organization.ts';

export const BUSINESS_TYPES = ['customer_support', 'sales', 'appointments', 'custom'] as const;

/** A business the platform answers for: who the AI is, how it sounds, when it hands over. */
export const BusinessConfig = defineEntity({
  name: 'BusinessConfig',
  properties: {
    id: uuidPrimaryKey(),
    organization: () => p.manyToOne(Organization).deleteRule('cascade'),
    name: p.string(),
    type: p.enum(BUSINESS_TYPES).default('customer_support'),
    /** E.164 numbers; an inbound call to one of them picks this config. */
    phoneNumbers: p.array().default([]),
    systemPrompt: p.text(),
    greeting: p.text().nullable(),
    voice: p.string().default('alloy'),
    model: p.string().default('gpt-realtime'),
    temperature: p.double().default(0.8),
    escalationKeywords: p.array().default([]),
    /** E.164 number a call is handed to on takeover or escalation when no other number is given. */
    handoffNumber: p.string().length(16).nullable(),
    /** Outbound calls: detect answering machines; with a message, leave it after the beep, else hang up. */
    answeringMachineDetection: p.boolean().default(false),
    voicemailMessage: p.text().nullable(),
    settings: p.json<Record<string, unknown>>().default('{}'),
    active: p.boolean().default(true),
    ...timestamps(),
  },
  uniques: [{ properties: ['organization', 'name'] }],
});
export type BusinessConfig = InferEntity<typeof BusinessConfig>;
