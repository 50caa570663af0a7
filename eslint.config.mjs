// ESLint for every project (the `lint` target nx infers from this file): typescript-eslint's recommended
// rules, with the few that fight this code base's deliberate idioms relaxed (see each entry).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/out-tsc/**',
      '**/coverage/**',
      'reports/**',
      '.scaling-lab/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Unused names are errors, except `_`-prefixed ones kept to show a signature's shape.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // CommonJS entry points and configs (bin scripts, jest configs) run under Node without a transpiler.
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        __filename: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.test.ts', '**/testing/**/*.ts'],
    rules: {
      // Tests reach into results with `!` once they have asserted they exist.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
