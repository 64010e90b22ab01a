import type { FilterQuery } from '@mikro-orm/core';
import { AUDIT_OUTCOMES, AuditLog } from '../db/entities/index.ts';
import { ValidationError } from '../lib/errors.ts';
import { builder } from './builder.ts';

const AuditOutcomeEnum = builder.enumType('AuditOutcome', {
  values: Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o.toUpperCase(), { value: o }])),
});

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}
const FieldChangeRef = builder.objectRef<FieldChange>('AuditFieldChange').implement({
  description: 'A field a mutation changed; values as JSON, secrets only as their last four characters.',
  fields: (t) => ({
    field: t.exposeString('field'),
    before: t.string({
      nullable: true,
      resolve: (c) => (c.before === null || c.before === undefined ? null : JSON.stringify(c.before)),
    }),
    after: t.string({
      nullable: true,
      resolve: (c) => (c.after === null || c.after === undefined ? null : JSON.stringify(c.after)),
    }),
  }),
});

const AuditEntryRef = builder.objectRef<AuditLog>('AuditEntry').implement({
  description: 'One mutation: who, what, when, on what, and how it ended. The log is append-only.',
  fields: (t) => ({
    id: t.exposeID('id'),
    at: t.field({ type: 'DateTime', resolve: (e) => e.createdAt }),
    actorType: t.exposeString('actorType'),
    actorId: t.exposeString('actorId', { nullable: true }),
    actorLabel: t.exposeString('actorLabel', { nullable: true }),
    operation: t.exposeString('operation'),
    targetType: t.exposeString('targetType', { nullable: true }),
    targetId: t.exposeString('targetId', { nullable: true }),
    outcome: t.field({ type: AuditOutcomeEnum, resolve: (e) => e.outcome }),
    errorCode: t.exposeString('errorCode', { nullable: true }),
    requestId: t.exposeString('requestId', { nullable: true }),
    ip: t.exposeString('ip', { nullable: true }),
    changes: t.field({
      type: [FieldChangeRef],
      description: 'What it changed, field by field (empty for mutations that record none).',
      resolve: (e) => {
        const changes = e.changes;
        if (!changes) return [];
        const fields = [...new Set([...Object.keys(changes.before), ...Object.keys(changes.after)])];
        return fields.map((field) => ({
          field,
          before: changes.before[field] ?? null,
          after: changes.after[field] ?? null,
        }));
      },
    }),
  }),
});

const AuditFilter = builder.inputType('AuditFilter', {
  fields: (t) => ({
    operation: t.string({ required: false }),
    actorId: t.id({ required: false }),
    outcome: t.field({ type: AuditOutcomeEnum, required: false }),
  }),
});

builder.queryField('auditLog', (t) =>
  t.field({
    type: [AuditEntryRef],
    description: "The organisation's audit log, newest first. Page with `before` (an entry id).",
    authScopes: { permission: 'audit:read' },
    errors: { types: [ValidationError] },
    args: { first: t.arg.int({ defaultValue: 50 }), before: t.arg.id(), filter: t.arg({ type: AuditFilter }) },
    resolve: (_root, { first, before, filter }, { em, auth }) => {
      const limit = first ?? 50;
      if (limit < 1 || limit > 200)
        throw new ValidationError([{ field: 'first', message: 'must be between 1 and 200' }]);
      if (before && !/^\d+$/.test(before))
        throw new ValidationError([{ field: 'before', message: 'must be an entry id' }]);
      const where: FilterQuery<AuditLog> = { organizationId: auth!.organizationId };
      if (before) where.id = { $lt: before };
      if (filter?.operation) where.operation = filter.operation;
      if (filter?.actorId) where.actorId = filter.actorId;
      if (filter?.outcome) where.outcome = filter.outcome;
      return em.find(AuditLog, where, { orderBy: { id: 'desc' }, limit });
    },
  }),
);
