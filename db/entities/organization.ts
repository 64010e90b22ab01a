import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { timestamps, uuidPrimaryKey } from './common.ts';

/** A customer of the platform; every user, key, business and call belongs to exactly one. */
export const Organization = defineEntity({
  name: 'Organization',
  properties: {
    id: uuidPrimaryKey(),
    name: p.string().unique(),
    ...timestamps(),
  },
});
export type Organization = InferEntity<typeof Organization>;
