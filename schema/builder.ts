import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GraphQLResolveInfo } from 'graphql';
import { AppError } from '../lib/errors.ts';
import { can, type Permission } from '../lib/permissions.ts';
import type { GatewayContext } from './context.ts';
import { safeInputPlugin } from './plugins/safe-input.ts';
import { forbidden, unauthenticated } from './request-errors.ts';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  AuthScopes: { authenticated: boolean; permission: Permission };
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    File: { Input: File; Output: never };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, safeInputPlugin],
  defaultFieldNullability: false,
  errors: { defaultTypes: [] },
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({
      authenticated: ctx.auth !== null,
      permission: (permission) => can(ctx.auth?.role, permission),
    }),
    unauthorizedError: (_parent, ctx, info) => {
      if (info.parentType.name === 'Mutation') {
        ctx.audit.record({
          operation: info.fieldName,
          outcome: 'denied',
          errorCode: ctx.auth ? 'FORBIDDEN' : 'UNAUTHENTICATED',
        });
      }
      return ctx.auth ? forbidden() : unauthenticated();
    },
  },
});

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});

builder.scalarType('DateTime', {
  description: 'An instant, as an ISO-8601 string in UTC.',
  serialize: (value) => (value instanceof Date ? value : new Date(value)).toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.scalarType('File', {
  description:
    'A file sent with a GraphQL multipart request (https://github.com/jaydenseric/graphql-multipart-request-spec).',
  serialize: () => {
    throw new TypeError('File is an input type');
  },
  // Yoga hands over its own (WHATWG) File implementation, so check the shape, not the class.
  parseValue: (value) => {
    const file = value as File | null;
    if (typeof file?.arrayBuffer !== 'function' || typeof file.name !== 'string') {
      throw new TypeError('File must be sent as a part of a multipart request');
    }
    return file;
  },
});

/**
 * Wraps a mutation resolver so its outcome lands in the audit log: success with the target's id,
 * or the stable code of the error it failed with.
 */
export function audited<Root, Args, Result>(
  targetType: string | null,
  resolve: (root: Root, args: Args, ctx: GatewayContext, info: GraphQLResolveInfo) => Promise<Result>,
) {
  return async (root: Root, args: Args, ctx: GatewayContext, info: GraphQLResolveInfo): Promise<Result> => {
    // The target is what the result names, else the id argument (`id`, or `callId` and the like).
    const { id, callId, businessId } = args as { id?: unknown; callId?: unknown; businessId?: unknown };
    const argId = id ?? callId ?? businessId;
    try {
      const result = await resolve(root, args, ctx, info);
      const resultId = (result as { id?: unknown } | null)?.id;
      const targetId = typeof resultId === 'string' ? resultId : typeof argId === 'string' ? argId : null;
      ctx.audit.record({
        operation: info.fieldName,
        outcome: 'success',
        targetType,
        targetId,
        changes: ctx.audit.takeChanges(),
      });
      return result;
    } catch (error) {
      ctx.audit.takeChanges();
      ctx.audit.record({
        operation: info.fieldName,
        outcome: 'error',
        errorCode: error instanceof AppError ? error.code : 'INTERNAL',
        targetType,
        targetId: typeof argId === 'string' ? argId : null,
      });
      throw error;
    }
  };
}
