import { BUSINESS_TYPES, BusinessConfig } from '../db/entities/index.ts';
import { isUuid } from '../lib/ids.ts';
import { builder } from './builder.ts';

export const BusinessTypeEnum = builder.enumType('BusinessType', {
  values: Object.fromEntries(BUSINESS_TYPES.map((value) => [value.toUpperCase(), { value }])),
});

export const BusinessConfigRef = builder.objectRef<BusinessConfig>('BusinessConfig').implement({
  description: 'A business the platform answers for: its AI persona, voice and escalation rules.',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    type: t.field({ type: BusinessTypeEnum, resolve: (b) => b.type }),
    phoneNumbers: t.exposeStringList('phoneNumbers', { description: 'E.164 numbers that route inbound calls here.' }),
    systemPrompt: t.exposeString('systemPrompt'),
    greeting: t.exposeString('greeting', { nullable: true }),
    voice: t.exposeString('voice'),
    model: t.exposeString('model'),
    temperature: t.float({ resolve: (b) => Number(b.temperature) }),
    escalationKeywords: t.exposeStringList('escalationKeywords'),
    handoffNumber: t.exposeString('handoffNumber', {
      nullable: true,
      description: 'Where a take over or escalation sends the caller when no other number is given (E.164).',
    }),
    answeringMachineDetection: t.exposeBoolean('answeringMachineDetection', {
      description: 'Outbound calls detect answering machines: leave `voicemailMessage`, or hang up without one.',
    }),
    voicemailMessage: t.exposeString('voicemailMessage', { nullable: true }),
    active: t.exposeBoolean('active'),
    createdAt: t.field({ type: 'DateTime', resolve: (b) => b.createdAt }),
  }),
});

builder.queryFields((t) => ({
  businessConfigs: t.field({
    type: [BusinessConfigRef],
    authScopes: { permission: 'businesses:read' },
    args: { includeInactive: t.arg.boolean({ defaultValue: false }) },
    resolve: (_root, { includeInactive }, { em, auth }) =>
      em.find(
        BusinessConfig,
        { organization: auth!.organizationId, ...(includeInactive ? {} : { active: true }) },
        { orderBy: { name: 'asc' } },
      ),
  }),
  businessConfig: t.field({
    type: BusinessConfigRef,
    nullable: true,
    authScopes: { permission: 'businesses:read' },
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, { em, auth }) =>
      isUuid(id) ? em.findOne(BusinessConfig, { id, organization: auth!.organizationId }) : null,
  }),
}));
