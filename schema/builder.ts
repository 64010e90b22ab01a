import type { EntityManager } from '@mikro-orm/postgresql';
import SchemaBuilder from '@pothos/core';
import ErrorsPlugin from '@pothos/plugin-errors';
import type { Client } from '@temporalio/client';
import type { EventBus } from '../db/event-bus.ts';
import type { Config } from '../lib/config.ts';
import type { Logger } from '../lib/logger.ts';

/** What every resolver receives; built per request (or per subscription) by the gateway. */
export interface GatewayContext {
  /** A fresh EntityManager fork for this unit of work. */
  em: EntityManager;
  temporal: Client;
  events: EventBus;
  config: Config;
  logger: Logger;
  requestId: string;
}

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    ID: { Input: string; Output: string };
  };
}>({
  plugins: [ErrorsPlugin],
  defaultFieldNullability: false,
  errors: { defaultTypes: [] },
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
