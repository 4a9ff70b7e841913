// ESLint for the front end (app/, webworker/, e2e/). runtime/js/ belongs to the runtime side and is not linted here.
import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'build/',
      'build-*/',
      'public/pyrite/',
      'test-results/',
      'playwright-report/',
      '.cache/',
      'runtime/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.d.ts'] })],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
      // Private members carry a leading underscore (xterm.js convention), so they are visible at every use.
      '@typescript-eslint/naming-convention': [
        'error',
        { selector: 'memberLike', modifiers: ['private'], format: ['camelCase'], leadingUnderscore: 'require' },
        { selector: 'typeLike', format: ['PascalCase'] },
      ],
    },
  },
  {
    // The protocol is shared: it may not depend on either side.
    files: ['webworker/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../*', '@xterm/*', 'monaco-editor*'] }],
    },
  },
  {
    // The page may use the protocol, but nothing else of the worker (the worker is spawned by URL).
    files: ['app/**/*.ts'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+webworker/(?!protocol$)',
              message: 'The page talks to the worker only through webworker/protocol.',
            },
            { regex: '(^|/)runtime/js(/|$)', message: 'The runtime lives in the worker; use webworker/protocol.' },
          ],
        },
      ],
    },
  },
  {
    files: ['webworker/**/*.ts'],
    languageOptions: { globals: globals.worker },
  },
  {
    files: ['*.js', '*.ts', 'e2e/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
