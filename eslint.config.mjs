/**
 * ESLint over every source folder (gateway, subgraphs, lib, hub, seeds, scripts, bench, report,
 * dashboard, client, test, bin): eslint's recommended rules and typescript-eslint's type-checked
 * recommended set, read with each file's own tsconfig (report/ and dashboard/ have theirs).
 * Chosen for the defects they find in async code, not for style (prettier owns layout):
 * a promise nobody awaits or catches (no-floating-promises), a promise handed where a callback's
 * result is ignored (no-misused-promises), `await` on something that is not a promise
 * (await-thenable), an object stringified as "[object Object]" (no-base-to-string,
 * restrict-template-expressions), a method detached from its `this` (unbound-method), and a cast
 * that changes nothing (no-unnecessary-type-assertion).
 * Generated files (dist, the gql/ code of the pages and the hub's clients) and fixtures are not read.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '{dashboard,report,lib}/gql/**',
      'lib/organizations-gql/**',
      'bench/results/**',
      'test/fixtures/**',
    ],
  },
  // A comment that silences a rule which no longer fires is itself a finding.
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // Each TypeScript file is checked against the nearest tsconfig.json.
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Off: the no-unsafe-* family and no-explicit-any flag every use of a value typed `any`
      // (JSON read from HTTP answers in tests, rows from the database driver). They ask for
      // types, which the compiler and typed queries provide, and found no defect here.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Off: Apollo plugin hooks and the interfaces the hub implements are async by contract;
      // an `async` method without `await` there is right (a throw becomes a rejection).
      '@typescript-eslint/require-await': 'off',
      // Rejecting with what a catch caught (typed unknown) passes the error on as it came.
      '@typescript-eslint/prefer-promise-reject-errors': ['error', { allowThrowingUnknown: true }],
      // `const { secret: _secret, ...rest } = value` drops a property on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { ignoreRestSiblings: true, argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // A subgraph's resolvers translate GraphQL to its services and data adapters: no SQL of their own.
    files: ['subgraphs/*/resolvers/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='query']",
          message: 'A resolver runs no SQL: ask a service or a data adapter (subgraphs/<name>/services, data/).',
        },
      ],
    },
  },
  {
    // Plain JavaScript run by Node.js as CommonJS or ES modules (bin, the jest and
    // dependency-cruiser settings, the test OIDC provider): no tsconfig, so no type information.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  { files: ['**/*.mjs'], languageOptions: { sourceType: 'module' } },
);
