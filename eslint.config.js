// Lint rules, including the import boundaries of DESIGN.md:
// server/ never imports main/, preload/, renderer/ or electron; renderer/ imports only types,
// and only from server/contract/; preload/ imports nothing from server/; and the layers of
// server/ (routes → services → repositories; engines below the jobs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'bench/reports/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [{ regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' }],
        [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }],
      ),
    },
  },
  // The layers of server/ (docs/ARCHITECTURE.md): routes reach data through services; nothing
  // below the HTTP layer imports it; face engines do not know the job runner; SQL lives only
  // in db/repositories/.
  {
    files: ['server/routes/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' },
          { regex: '(^|/)db/', message: 'routes reach the data through services, never db/ (docs/ARCHITECTURE.md).' },
        ],
        [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }],
      ),
    },
  },
  {
    files: ['server/{services,ingest,pipeline,faces,status,jobs,db,storage,images,workers,live,monitor,security,cache,util}/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' },
          { regex: '(^|/)(http|app|routes)/', message: 'below the HTTP layer nothing imports http/, app/ or routes/ (AppError is in util/app-error.ts).' },
        ],
        [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }],
      ),
    },
  },
  {
    files: ['server/faces/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        [
          { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' },
          { regex: '(^|/)(http|app|routes)/', message: 'below the HTTP layer nothing imports http/, app/ or routes/ (AppError is in util/app-error.ts).' },
          { regex: '(^|/)(jobs|pipeline)/', message: 'face engines do not know the job runner: the pipeline calls them.' },
        ],
        [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }],
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: ['server/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='prepare'][arguments.0.type=/Literal$/]",
          message: "SQL lives only in server/db/repositories/: add a method to the table's repository.",
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '(^|/)server/(?!contract/)', message: 'renderer/ may import only the contract (server/contract/) from server/.' },
        // face-profile.ts and limits.ts hold plain values (no dependencies): the pages may import them.
        {
          regex: '(^|/)server/contract/(?!face-profile|limits)',
          allowTypeImports: true,
          message: 'renderer/ imports the contract as types only (import type …).',
        },
        { regex: '(^|/)(main(/|$)|preload/(?!findme-api))', message: 'renderer/ must not import main/ or preload/ (but the type of the preload API).' },
        { regex: '(^|/)preload/findme-api', allowTypeImports: true, message: 'renderer/ imports the preload API as a type only (import type …).' },
      ]),
    },
  },
  {
    files: ['preload/**/*.{ts,cts}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict([
        { regex: '(^|/)(server|renderer|main)(/|$)', message: 'preload/ is the thin bridge: it imports only electron and its own types.' },
      ]),
    },
  },
);
