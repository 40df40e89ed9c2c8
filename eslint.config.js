// Lint: typescript-eslint's recommended rules, exhaustive switches, and the layering of docs/ARCHITECTURE.md as
// import zones (a file in a zone's target may not import from its `from` folders).
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const COMPILER = ['frontend', 'diagnostics', 'checker', 'codegen', 'sql'];
const TOP = ['cli', 'script-test', 'collector', 'lsp', 'view', 'index.ts', 'compiler.ts', 'compile-entry.ts'];
const src = (names) => names.map((n) => `./src/${n}`);

/** Each folder of src/ and what it must never import: everything that stands above it. */
export const LAYERS = [
  { target: './src/core', from: src([...COMPILER, 'runtime', ...TOP]), message: 'src/core is the ground floor: it imports nothing of pxlc.' },
  { target: './src/diagnostics', from: src(['frontend', 'checker', 'codegen', 'sql', 'runtime', ...TOP]), message: 'diagnostics stand on src/core only.' },
  { target: './src/frontend', from: src(['checker', 'codegen', 'sql', 'runtime', ...TOP]), message: 'the frontend stands on src/core and diagnostics.' },
  { target: './src/checker', from: src(['codegen', 'sql', 'runtime', ...TOP]), message: 'the checker stands on core, diagnostics and the frontend; the runtime is handed in (core/constant-folding.ts).' },
  { target: './src/codegen', from: src(['frontend', 'checker', 'sql', 'runtime', ...TOP]), message: 'code generation reads the plan (src/core) only.' },
  { target: './src/sql', from: src(['frontend', 'checker', 'codegen', 'runtime', ...TOP]), message: 'the SQL split reads the plan (src/core) only.' },
  { target: './src/runtime', from: src([...COMPILER, ...TOP]), message: 'the runtime stands on src/core alone: it never imports the compiler (inject what it needs).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test/fixtures/**', 'editors/**', 'web/dist/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { 'import-x': importX },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })] },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: LAYERS }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
