// Lint rules, including the import boundaries of DESIGN.md:
// server/ never imports main/, preload/, renderer/ or electron; renderer/ imports only types,
// and only from server/contract/; preload/ imports nothing from server/; and the layers of
// server/ (routes → services → repositories; engines below the jobs).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns, paths = []) => ['error', { patterns, paths }];

// What every file of server/ is refused, and what each layer adds (no-restricted-imports takes
// one list per file, so a layer's list repeats the ones above it).
const NOT_THE_APP = { regex: '(^|/)(main|preload|renderer)(/|$)', message: 'server/ must not import main/, preload/ or renderer/ (DESIGN.md).' };
const NO_ELECTRON = [{ name: 'electron', message: 'server/ runs under plain Node: no Electron import below it (DESIGN.md).' }];
const NOT_DB = { regex: '(^|/)db/', message: 'routes reach the data through services, never db/ (docs/ARCHITECTURE.md).' };
const NOT_HTTP = {
  regex: '(^|/)(http|app|routes)/',
  message: 'below the HTTP layer nothing imports http/, app/ or routes/ (AppError is in util/app-error.ts).',
};
const NOT_JOBS = { regex: '(^|/)(jobs|pipeline)/', message: 'face engines do not know the job runner: the pipeline calls them.' };
const serverRule = (...patterns) => ({ '@typescript-eslint/no-restricted-imports': restrict([NOT_THE_APP, ...patterns], NO_ELECTRON) });

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
  { files: ['server/**/*.ts'], rules: serverRule() },
  // The layers of server/ (docs/ARCHITECTURE.md): routes reach data through services; nothing
  // below the HTTP layer imports it; face engines do not know the job runner; SQL lives only
  // in db/repositories/.
  { files: ['server/routes/**/*.ts'], rules: serverRule(NOT_DB) },
  {
    files: ['server/{services,ingest,pipeline,faces,status,jobs,db,storage,images,workers,live,monitor,security,cache,util}/**/*.ts'],
    rules: serverRule(NOT_HTTP),
  },
  { files: ['server/faces/**/*.ts'], rules: serverRule(NOT_HTTP, NOT_JOBS) },
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
