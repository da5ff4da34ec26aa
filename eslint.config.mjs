// Flat config: typescript-eslint's recommended rules over the TypeScript sources; Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import local from './lint/architecture.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': 'off',
    },
  },
  {
    // botbuilder/restify only in src/bot and src/core/http; capabilities meet only through index.ts or domain/;
    // card verbs only as their capability's constants (domain/verbs.ts).
    files: ['src/**/*.ts'],
    plugins: { local },
    rules: { 'local/architecture': 'error', 'local/verbs': 'error' },
  },
  {
    // Domain logic stays free of the Bot Framework SDK so it can be tested alone and the SDK swapped.
    files: ['src/**/domain/**/*.ts', 'src/**/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['botbuilder*', 'restify'] }],
    },
  },
);
