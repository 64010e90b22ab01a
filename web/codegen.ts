import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const fromRoot = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

/**
 * `npm run codegen:web`: the typed document of every `graphql()` operation and fragment in web/src,
 * from the committed schema, into web/src/gql/ (committed too).
 */
const config: CodegenConfig = {
  schema: fromRoot('schema/schema.graphql'),
  documents: [fromRoot('web/src/**/*.{ts,tsx}'), `!${fromRoot('web/src/gql/**')}`],
  generates: {
    [fromRoot('web/src/gql/')]: {
      preset: 'client',
      // Pages read fragment fields straight from the result, as the API sends them.
      presetConfig: { fragmentMasking: false, skipIndexFile: true },
      config: {
        // As on the wire: IDs and instants are strings; uploads go as multipart files.
        scalars: { ID: 'string', DateTime: 'string', File: 'File' },
        strictScalars: true,
        // A list variable is a list the page can read back (a filter's statuses), never a lone value.
        arrayInputCoercion: false,
        useTypeImports: true,
        importExtension: '.ts',
      },
    },
  },
};

export default config;
