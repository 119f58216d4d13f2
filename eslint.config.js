// Lint: typescript-eslint with type information, plus the layer rules of
// ARCHITECTURE.md as errors. A layer rule that fails to fire is caught by
// test/unit/layers.test.ts.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

const nodeImports = {
  paths: nodeBuiltins.map((name) => ({ name, message: 'This layer runs without Node: no node:* imports.' })),
  patterns: [{ group: ['node:*'], message: 'This layer runs without Node: no node:* imports.' }],
};
const electronImport = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const domGlobals = ['window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'location', 'HTMLElement', 'fetch', 'XMLHttpRequest'].map((name) => ({
  name,
  message: 'This layer has no DOM and no network.',
}));

const layer = (folders, message) => ({ group: folders, message });
const backendElectronImport = { name: 'electron', message: 'electron/backend never imports electron: it runs in plain Node (CLI, tests) too.' };
const backendOuterLayers = layer(['**/main/**', '../main', '../../main', '**/preload/**', '**/renderer/**', '**/test/**'], 'electron/backend imports only shared/ of ours.');

// --- Inner backend rules -----------------------------------------------------
// Inside electron/backend the rules run one way: transports → handlers →
// services → vault, packets, data and shared; the CLI's commands → services and
// the one helper that opens a vault (cli/openVault.ts). These are checked on the
// import's text with no-restricted-syntax, so they stack on the layer rules
// above instead of replacing them. test/unit/layers.test.ts proves each fires.
const importFrom = (pattern, message) =>
  ['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].map((node) => ({
    selector: `${node}[source.value=/${pattern}/]`,
    message,
  }));
const innerBackendRules = [
  {
    // A handler reads its input, calls services, and shapes the answer: nothing below services.
    files: ['electron/backend/handlers/**/*.ts'],
    ignores: ['electron/backend/handlers/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...importFrom(String.raw`^\.\.\/(?!services\/|context$|\.\.\/)`, 'Handlers import only services (and ./types, ../context, shared/): the rules, the permission map and the vault are reached through services.')],
    },
  },
  {
    files: ['electron/backend/services/**/*.ts'],
    ignores: ['electron/backend/services/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...importFrom(String.raw`^\.\.\/(handlers|cli)(\/|$)|^\.\.\/(dispatcher|backend)$`, 'Services import the vault, packets, the data layer and shared/, never handlers, the CLI or the dispatcher.')],
    },
  },
  {
    files: ['electron/backend/cli/commands/**/*.ts'],
    ignores: ['electron/backend/cli/commands/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...importFrom(String.raw`^\.\.\/\.\.\/(?!services\/|zodMessages$|appVersion$|\.\.\/)`, 'CLI commands import services and the CLI helpers (cli/openVault.ts opens the vault), never handlers, the dispatcher or vault/ itself.'),
      ],
    },
  },
  {
    // One helper opens a vault for the command line: the same user choice, audit and error mapping for every command.
    files: ['electron/backend/cli/*.ts'],
    ignores: ['electron/backend/cli/openVault.ts', 'electron/backend/cli/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...importFrom(String.raw`^\.\.\/(vault|handlers|data)(\/|$)|^\.\.\/dispatcher$`, 'Only cli/openVault.ts opens a vault on the command line; other CLI helpers use services.')],
    },
  },
];
// --- End of inner backend rules ------------------------------------------------

// --- Only the data layer reaches the database ----------------------------------
// The SQL library and the database drivers are imported in electron/backend/data/
// alone; everything else goes through its table modules and DataStore. A separate
// rule name (typescript-eslint's copy of no-restricted-imports) so it stacks on the
// layer rules' no-restricted-imports instead of replacing them.
// dataLayerAllowlist: files not yet moved behind the data layer. It may only shrink.
const dataLayerAllowlist = [
  'electron/backend/vault/migrations/index.ts', // runs the numbered migrations on that connection
];
const sqlImport = (name) => ({ name, message: 'Only electron/backend/data/ imports the SQL library or a database driver: use its table modules and storeOf(session).' });
const dataLayerRule = {
  files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
  ignores: ['electron/backend/data/**', ...dataLayerAllowlist, '**/*.test.ts', '**/*.test-helper.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: ['kysely', 'better-sqlite3-multiple-ciphers', 'better-sqlite3', 'pg'].map(sqlImport),
        patterns: [{ group: ['kysely/*', 'better-sqlite3*/**', 'pg/*', 'pg-*'], message: sqlImport('').message }],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'bench/tmp/**', 'bin/**', 'build/fixtures/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.js', 'build/*.mjs'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      // Keep disableTypeChecked's parserOptions: plain JS is not in a TypeScript project, so
      // scripts in any folder lint without the (size-limited) default project.
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', __dirname: 'readonly', require: 'readonly', URL: 'readonly' },
    },
  },
  // --- Layer rules -------------------------------------------------------------
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...nodeImports.paths],
          patterns: [
            ...nodeImports.patterns,
            layer(['**/electron/**', '**/renderer/**', '**/test/**', '**/build/**', 'react', 'react-dom', 'zustand'], 'shared/ imports nothing of ours outside shared/, and no UI library.'),
          ],
        },
      ],
      'no-restricted-globals': ['error', ...domGlobals, { name: 'process', message: 'shared/ runs without Node.' }, { name: 'Buffer', message: 'shared/ runs without Node.' }],
    },
  },
  {
    files: ['electron/backend/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [backendElectronImport], patterns: [backendOuterLayers] }],
      'no-restricted-globals': ['error', ...domGlobals],
    },
  },
  {
    // Inside the backend: only transports (the backend assembly and tests of the
    // dispatcher itself) reach the dispatcher; handlers, services, the CLI and the
    // packet code never do.
    files: ['electron/backend/**/*.ts'],
    ignores: ['electron/backend/backend.ts', 'electron/backend/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [backendElectronImport],
          patterns: [backendOuterLayers, layer(['**/dispatcher', './dispatcher'], 'Only transports import dispatcher.ts: handlers take their types from handlers/types, zod messages come from zodMessages.')],
        },
      ],
    },
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeImports.paths,
          patterns: [...nodeImports.patterns, layer(['**/backend/**', '**/main/**', '**/renderer/**', '**/test/**'], 'electron/preload imports only electron and shared/ types.')],
        },
      ],
    },
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [layer(['**/renderer/**', '**/preload/**', '**/test/**'], 'electron/main imports electron/backend and shared/ only.')] }],
    },
  },
  ...innerBackendRules,
  dataLayerRule,
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronImport, ...nodeImports.paths],
          patterns: [...nodeImports.patterns, layer(['**/electron/**', '**/test/**', '**/build/**', '!pdfjs-dist/build/**'], 'renderer/ imports only shared/ of ours: it talks to the backend through the typed client.')],
        },
      ],
    },
  },
);
