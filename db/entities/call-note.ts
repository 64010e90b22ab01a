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
    /** The note; null when it is marked sensitive and sealed (`sealedBody`). */
    body: p.text().nullable(),
    /** Marked by its author as holding personal data: the body is sealed at rest (db/sealed-columns.ts). */
    sensitive: p.boolean().default(false),
    sealedBody: p.text().nullable(),
    /** Blind index of the emails and numbers in a sealed body, so a person's export or erasure finds it. */
    identifierDigests: p.array().default([]),
    category: p.string().nullable(),
    tags: p.array().default([]),
    ...timestamps(),
  },
  indexes: [{ properties: ['call', 'createdAt'] }],
});
export type CallNote = InferEntity<typeof CallNote>;
