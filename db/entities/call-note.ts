import { defineEntity, type InferEntity, p } from '@mikro-orm/core';
import { Call } from './call.ts';
import { timestamps, uuidPrimaryKey } from './common.ts';
import { User } from './user.ts';

export const CallNote = defineEntity({
  name: 'CallNote',
  properties: {
    id: uuidPrimaryKey(),
    call: () => p.manyToOne(Call).deleteRule('cascade'),
    author: () => p.manyToOne(User).nullable().deleteRule('set null'),
    body: p.text(),
    category: p.string().nullable(),
    tags: p.array().default([]),
    ...timestamps(),
  },
  indexes: [{ properties: ['call', 'createdAt'] }],
});
export type CallNote = InferEntity<typeof CallNote>;
