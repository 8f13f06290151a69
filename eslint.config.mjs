import tseslint from 'typescript-eslint';

// The arrows of STYLE.md: extension -> commands | tree | jobs -> platform | aws -> core. A layer may import
// those below it, never those above or beside it (commands may use the tree and the tracker they act on).
const layer = (name) => ({
  // From a folder one level down too (src/aws/services, src/aws/sharing).
  group: [`../${name}`, `../${name}/*`, `../../${name}`, `../../${name}/*`],
  message: `This layer must not import src/${name}: the arrows are extension -> commands | tree | jobs -> platform | aws -> core.`,
});
const sdk = {
  group: ['@aws-sdk/*', '@smithy/*'],
  message: 'Only src/aws talks to the SDK: use ImageApi and the typed ImageRecord.',
};
const vscodeApi = {
  name: 'vscode',
  message:
    'src/core and src/aws must not import vscode: put editor code in src/platform, src/tree, src/commands or src/jobs.',
};
const commandsVscode = {
  name: 'vscode',
  message:
    'Commands reach the editor through src/platform (l10n, prompts, progress, documents, clipboard), so they run in plain mocha.',
};
const arrows = (files, { paths = [], patterns }) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { paths, patterns }] },
});
// Every failure and warning reaches the user through report() / Prompts (src/platform), which the tests record.
// (ESLint keeps one no-restricted-syntax list per file, the last that matches: a list below repeats this one.)
const showMessage = {
  selector: 'MemberExpression[property.name=/^show(Information|Warning|Error)Message$/]',
  message:
    'Show failures with report() and warnings, questions and notes through ctx.prompts (src/platform): the tests record those.',
};
const noShowMessage = {
  files: ['src/**/*.ts'],
  ignores: ['src/platform/**'],
  rules: { 'no-restricted-syntax': ['error', showMessage] },
};
// Raw SDK records are for "Show Image Details" only (src/platform/details.ts); everything else reads typed fields.
const noRaw = {
  files: ['src/core/**/*.ts', 'src/commands/**/*.ts', 'src/tree/**/*.ts', 'src/jobs/**/*.ts'],
  rules: {
    'no-restricted-syntax': [
      'error',
      {
        selector: "MemberExpression[property.name='raw']",
        message: 'Read the typed fields of ImageRecord; `raw` is for Show Image Details only.',
      },
      showMessage,
    ],
  },
};
// Small files with one purpose (STYLE.md): a file that outgrows this is split where its parts differ.
const maxLines = {
  files: ['src/**/*.ts'],
  rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
};
// A service is chosen only in src/aws (one adapter per service) and described only in src/core/services.ts; code
// above them reads what a service can do (SERVICES_CAN) or lets ImageApi choose, so a new service is one entry.
const serviceLiteral = {
  selector: 'Literal[value=/^(appstream|workspaces)$/]',
  message:
    'No service literal above src/aws and src/core: read SERVICES_CAN[service] (core/services.ts) or let ImageApi choose.',
};
// Added to the list that already matches those files (`base`), since only the last matching list applies.
const withServiceLiteral = (files, base) => ({
  files,
  rules: { 'no-restricted-syntax': [...(base?.rules['no-restricted-syntax'] ?? ['error']), serviceLiteral] },
});

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
  arrows(['src/core/**/*.ts'], {
    paths: [vscodeApi],
    patterns: [sdk, ...['aws', 'platform', 'tree', 'commands', 'jobs', 'extension'].map(layer)],
  }),
  arrows(['src/aws/**/*.ts'], {
    paths: [vscodeApi],
    patterns: ['platform', 'tree', 'commands', 'jobs', 'extension'].map(layer),
  }),
  arrows(['src/platform/**/*.ts'], { patterns: [sdk, ...['aws', 'tree', 'commands', 'jobs', 'extension'].map(layer)] }),
  arrows(['src/tree/**/*.ts'], { patterns: [sdk, ...['commands', 'jobs', 'extension'].map(layer)] }),
  arrows(['src/jobs/**/*.ts'], { patterns: [sdk, ...['commands', 'tree', 'extension'].map(layer)] }),
  // Commands reach the editor only through src/platform's shims, so they run in plain mocha with scripted prompts.
  arrows(['src/commands/**/*.ts'], { paths: [commandsVscode], patterns: [sdk, layer('extension')] }),
  noShowMessage,
  noRaw,
  withServiceLiteral(['src/commands/**/*.ts', 'src/tree/**/*.ts', 'src/jobs/**/*.ts'], noRaw),
  withServiceLiteral(['src/extension.ts'], noShowMessage),
  withServiceLiteral(['src/platform/**/*.ts']),
  maxLines,
  {
    // Tests must not hide failures.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|describe|suite|test)$/][callee.property.name=/^(only|skip)$/]',
          message: 'No focused or skipped tests.',
        },
      ],
    },
  },
);
