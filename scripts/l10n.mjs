// Writes l10n/bundle.l10n.json, the English source translators start from, from every localized string in src:
// calls of `t(...)` (src/platform/l10n.ts) and of `vscode.l10n.t(...)`. `--check` (run by `npm run lint`) writes
// nothing and fails when the bundle misses or keeps a string, or a call's message is not a string literal (such a
// message could never be translated).
// Run: node scripts/l10n.mjs (npm run l10n).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const BUNDLE = 'l10n/bundle.l10n.json';
// The shim itself passes its caller's message on.
const SHIM = path.join('src', 'platform', 'l10n.ts');
const files = fs
  .readdirSync('src', { recursive: true })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => path.join('src', f))
  .filter((f) => f !== SHIM)
  .sort();

const messages = new Set();
const problems = [];
for (const file of files) {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const visit = (node) => {
    if (ts.isCallExpression(node) && isLocalize(node.expression)) {
      const [first] = node.arguments;
      if (first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))) messages.add(first.text);
      else {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        problems.push(`${file}:${line + 1}: the message of a localized string must be a string literal`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

/** `t(...)` as imported from platform/l10n, or `<anything>.l10n.t(...)`. */
function isLocalize(callee) {
  if (ts.isIdentifier(callee)) return callee.text === 't';
  return (
    ts.isPropertyAccessExpression(callee) &&
    callee.name.text === 't' &&
    ts.isPropertyAccessExpression(callee.expression) &&
    callee.expression.name.text === 'l10n'
  );
}

const bundle = Object.fromEntries([...messages].sort().map((m) => [m, m]));
const text = JSON.stringify(bundle, null, 2) + '\n';
if (process.argv.includes('--check')) {
  const stored = fs.existsSync(BUNDLE) ? JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) : {};
  const missing = Object.keys(bundle).filter((m) => !(m in stored));
  const stale = Object.keys(stored).filter((m) => !(m in bundle));
  for (const m of missing) problems.push(`${BUNDLE} misses ${JSON.stringify(m)}`);
  for (const m of stale) problems.push(`${BUNDLE} keeps ${JSON.stringify(m)}, which no code uses`);
  if (problems.length) {
    console.error([...problems, 'Run: npm run l10n'].join('\n'));
    process.exit(1);
  }
  console.log(`${BUNDLE}: ${messages.size} strings, every one in the code`);
} else {
  if (problems.length) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  fs.mkdirSync(path.dirname(BUNDLE), { recursive: true });
  fs.writeFileSync(BUNDLE, text);
  console.log(`${BUNDLE}: ${messages.size} strings`);
}
