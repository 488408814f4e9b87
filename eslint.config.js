import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/data/', 'bench/peers/', 'schema/'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { varsIgnorePattern: '^_', argsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Prompts live behind src/prompts so commands stay testable with injected answers.
    files: ['src/**'],
    ignores: ['src/prompts/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['@inquirer/*', 'inquirer'] }] },
  },
  {
    // The core is pure: no I/O, no process, no terminal styling, no prompts.
    files: ['src/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'fs', 'chalk', 'cli-table3', '@inquirer/*', 'inquirer', '../input/*', '../commands/*', '../reporters/*'] },
      ],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
  {
    files: ['test/**', 'bench/**', 'scripts/**', '*.config.*'],
    rules: { 'no-console': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.cjs'], ...tseslint.configs.disableTypeChecked },
  {
    // CommonJS: the bin (bin/package.json) and the tests' --require preloads.
    files: ['bin/**', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
