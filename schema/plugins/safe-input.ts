/**
 * Refuses, at the edge, argument values that cannot be stored or searched: text with NUL bytes or
 * lone UTF-16 surrogates (PostgreSQL and Weaviate reject them deep inside a query) and dates outside
 * the years 1–9999. Every field's arguments are checked before its resolver runs, and a bad value is
 * a ValidationError naming the argument, like any other invalid input.
 */
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { type FieldError, ValidationError } from '../../lib/errors.ts';

const MIN_DATE = new Date('0001-01-01T00:00:00Z').getTime();
const MAX_DATE = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** Problems with one argument value, by its path (`input.toNumber`, `filter.search`). */
export function unsafeValues(value: unknown, path: string, problems: FieldError[] = []): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) problems.push({ field: path, message: 'must not contain NUL characters' });
    else if (!value.isWellFormed()) problems.push({ field: path, message: 'must be valid Unicode text' });
  } else if (value instanceof Date) {
    const time = value.getTime();
    if (!(time >= MIN_DATE && time <= MAX_DATE))
      problems.push({ field: path, message: 'must be a date in years 1–9999' });
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) unsafeValues(item, `${path}.${i}`, problems);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Blob)) {
    for (const [key, item] of Object.entries(value)) unsafeValues(item, path ? `${path}.${key}` : key, problems);
  }
  return problems;
}

function checked<Context>(
  resolver: GraphQLFieldResolver<unknown, Context, object>,
): GraphQLFieldResolver<unknown, Context, object> {
  return (parent, args, context, info) => {
    const problems = unsafeValues(args, '');
    if (problems.length) throw new ValidationError(problems);
    return resolver(parent, args, context, info);
  };
}

export class SafeInputPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    return Object.keys(fieldConfig.args).length ? checked(resolver) : resolver;
  }

  override wrapSubscribe(
    subscribe: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> | undefined {
    return subscribe && Object.keys(fieldConfig.args).length ? checked(subscribe) : subscribe;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      safeInput: SafeInputPlugin<Types>;
    }
  }
}

/** The plugin's name, for the builder's `plugins` list. */
export const safeInputPlugin = 'safeInput' as const;
SchemaBuilder.registerPlugin(safeInputPlugin, SafeInputPlugin);
