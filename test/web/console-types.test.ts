import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { describe, expect, it } from '@jest/globals';
import config from '../../web/codegen.ts';

describe("the console's generated GraphQL types", () => {
  it('are committed exactly as schema.graphql and the documents in web/src generate them (run `npm run codegen:web`)', async () => {
    const outputs: { filename: string; content: string }[] = await generate({ ...config, silent: true }, false);
    const generated = Object.fromEntries(outputs.map((file) => [basename(file.filename), file.content]));
    const folder = dirname(outputs[0]!.filename);
    const committed = Object.fromEntries(
      readdirSync(folder).map((name) => [name, readFileSync(`${folder}/${name}`, 'utf8')]),
    );
    expect(committed).toEqual(generated);
  });
});
