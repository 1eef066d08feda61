import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed documents from the committed SDL; src/gql/ is generated, never edited by hand.
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.graphql'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        enumsAsTypes: true,
        useTypeImports: true,
        // Fen (money in the minor unit) is a JSON number the server keeps within Number.MAX_SAFE_INTEGER.
        scalars: { Date: 'string', DateTime: 'string', Time: 'string', JSON: 'unknown', Fen: 'number' },
        strictScalars: true,
        skipTypename: false,
      },
    },
  },
};

export default config;
