import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-check/**', 'node_modules/**', 'coverage/**', 'bin/**', 'bench/**/*.js', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-params': ['error', 3],
      'no-restricted-imports': 'off',
    },
  },
  {
    // Layering (STYLE.md rule 1): lower layers never import higher ones.
    files: ['src/spec/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/providers/**', '**/provider-utils/**', '**/routing/**', '**/gateway/**', '**/store/**', '**/server/**', '**/cli/**', '**/config/**'], message: 'src/spec is the lowest layer and imports nothing above it.' }] }],
    },
  },
  {
    files: ['src/provider-utils/**/*.ts', 'src/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/routing/**', '**/gateway/**', '**/store/**', '**/server/**', '**/cli/**', '**/config/**'], message: 'Providers depend only on src/spec and src/provider-utils.' }] }],
    },
  },
  {
    files: ['src/gateway/**/*.ts', 'src/routing/**/*.ts', 'src/store/**/*.ts', 'src/config/**/*.ts', 'src/eval/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**', '**/cli/**'], message: 'Core layers never import the HTTP server or the CLI.' }] }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'src/**/test-utils/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': 'off',
    },
  },
);
