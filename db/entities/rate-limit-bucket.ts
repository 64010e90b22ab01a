import { defineEntity, type InferEntity, p } from '@mikro-orm/core';

/** One fixed window of a rate limit, shared by every gateway through Postgres. */
export const RateLimitBucket = defineEntity({
  name: 'RateLimitBucket',
  properties: {
    /** `<limit name>:<subject>:<window start epoch seconds>` */
    id: p.string().primary(),
    hits: p.integer(),
    expiresAt: p.datetime(),
  },
  indexes: [{ properties: ['expiresAt'] }],
});
export type RateLimitBucket = InferEntity<typeof RateLimitBucket>;
