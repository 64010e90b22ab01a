import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { printedSchema, schemaFile } from '../../schema/print.ts';

describe('schema.graphql', () => {
  it('is committed exactly as the code generates it (run `npm run schema:print` after schema changes)', () => {
    expect(readFileSync(schemaFile, 'utf8')).toBe(printedSchema());
  });
});
