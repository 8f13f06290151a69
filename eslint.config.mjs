import tseslint from 'typescript-eslint';

// The arrows of STYLE.md: extension -> commands | tree | jobs -> platform | aws -> core. A layer may import
// those below it, never those above or beside it (commands may use the tree and the tracker they act on).
const layer = (name) => ({ group: [`../${name}`, `../${name}/*`], message: `This layer must not import src/${name}: the arrows are extension -> commands | tree | jobs -> platform | aws -> core.` });
const sdk = { group: ['@aws-sdk/*', '@smithy/*'], message: 'Only src/aws talks to the SDK: use ImageApi and the typed ImageRecord.' };
const vscodeApi = { name: 'vscode', message: 'src/core and src/aws must not import vscode: put editor code in src/platform, src/tree, src/commands or src/jobs.' };
const arrows = (files, { paths = [], patterns }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});
// Raw SDK records are for "Show Image Details" only (src/platform/details.ts); everything else reads typed fields.
const noRaw = {
  files: ['src/core/**/*.ts', 'src/commands/**/*.ts', 'src/tree/**/*.ts', 'src/jobs/**/*.ts'],
  rules: {
    'no-restricted-syntax': ['error', { selector: "MemberExpression[property.name='raw']", message: 'Read the typed fields of ImageRecord; `raw` is for Show Image Details only.' }],
  },
};

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  arrows(['src/core/**/*.ts'], { paths: [vscodeApi], patterns: [sdk, ...['aws', 'platform', 'tree', 'commands', 'jobs', 'extension'].map(layer)] }),
  arrows(['src/aws/**/*.ts'], { paths: [vscodeApi], patterns: ['platform', 'tree', 'commands', 'jobs', 'extension'].map(layer) }),
  arrows(['src/platform/**/*.ts'], { patterns: [sdk, ...['aws', 'tree', 'commands', 'jobs', 'extension'].map(layer)] }),
  arrows(['src/tree/**/*.ts'], { patterns: [sdk, ...['commands', 'jobs', 'extension'].map(layer)] }),
  arrows(['src/jobs/**/*.ts'], { patterns: [sdk, ...['commands', 'tree', 'extension'].map(layer)] }),
  arrows(['src/commands/**/*.ts'], { patterns: [sdk, layer('extension')] }),
  noRaw,
  {
    // Tests must not hide failures.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.object.name=/^(it|describe|suite|test)$/][callee.property.name=/^(only|skip)$/]", message: 'No focused or skipped tests.' },
      ],
    },
  },
);
