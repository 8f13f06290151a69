// Untrusted text in Markdown tooltips: a table of hostile strings, each escaped and then rendered by a real
// Markdown renderer (markdown-it with HTML, GFM tables, strikethrough and linkify all on: more than a VS Code
// hover allows), must read as the text itself - no heading, link, image, HTML, list, quote, code or table.
import * as assert from 'node:assert';
import { breakLinks, escapeCodicons, escapeMarkdown, MARKDOWN_MAX_CHARS } from '../../src/core/markdown';
import { imageTooltip } from '../../src/core/present';
import type { ImageRecord } from '../../src/core/image';

// markdown-it comes with @vscode/vsce (a dev dependency); it has no types of its own.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new (o: object) => { render(s: string): string };
const md = new MarkdownIt({ html: true, linkify: true });

/** The HTML a hover would show; `<br>` and paragraphs are allowed, and the entities decoded for comparison. */
function rendered(markdown: string): { tags: string[]; text: string } {
  const html = md.render(markdown).trim();
  const body = html
    .replace(/^<p>/, '')
    .replace(/<\/p>$/, '')
    .replace(/<br>\n/g, '\n');
  const tags = [...body.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1]);
  const text = body
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return { tags, text };
}

const HOSTILE: [string, string][] = [
  ['a heading after a line break', 'Golden image\n# Click here'],
  ['a setext heading', 'Golden\n======'],
  ['a link', 'see [the fix](https://evil.example/x)'],
  ['a reference link', '[x]: https://evil.example\n[x]'],
  ['an image', '![pixel](https://evil.example/p.png)'],
  ['html', '<img src=x onerror=alert(1)><b>bold</b><a href="https://evil.example">x</a>'],
  ['an autolink', 'visit https://evil.example/login now'],
  ['a www autolink', 'www.evil.com and evil.com/login'],
  ['an angle autolink', '<https://evil.example>'],
  ['an e-mail address', 'write to admin@evil.com'],
  ['a code fence', '```js\nalert(1)\n```'],
  ['a tilde fence', '~~~\ncode\n~~~'],
  ['an indented code block', 'text\n\n    indented code'],
  ['a table', '| a | b |\n|---|---|\n| 1 | 2 |'],
  ['lists and quotes', '- one\n* two\n+ three\n1. four\n2) five\n> quoted'],
  ['emphasis and strikethrough', '**bold** _it_ ~~gone~~ `code`'],
  ['entities', '&lt;b&gt; &#x41; &amp;'],
  ['a thematic break', 'a\n\n***\n---\n___'],
  ['backslashes', 'C:\\Windows\\ \\# \\\\'],
  ['a codicon', '$(warning) $(sync~spin) alert'],
  ['html comment and blocks', '<!-- hidden -->\n<div>x</div>'],
  ['footnotes and braces', 'x[^1] {y} ^z'],
];

describe('escapeMarkdown: untrusted text reads as itself', () => {
  for (const [what, input] of HOSTILE) {
    it(`${what}`, () => {
      const { tags, text } = rendered(escapeMarkdown(input));
      assert.deepStrictEqual(tags, [], `no HTML element but line breaks: ${JSON.stringify(tags)}`);
      const expected = input
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join('\n');
      assert.strictEqual(text, expected);
    });
  }

  it('breaks autolinks and codicons in the escaped source, as a VS Code hover (marked) reads it', () => {
    assert.strictEqual(escapeMarkdown('https://evil.example'), 'https\\://evil\\.example');
    assert.strictEqual(escapeMarkdown('www.evil.example'), 'www\\.evil\\.example');
    assert.strictEqual(escapeMarkdown('a@b.example'), 'a\\@b\\.example');
    assert.strictEqual(escapeMarkdown('$(warning)'), '\\$\\(warning\\)');
    assert.strictEqual(escapeMarkdown('# x'), '\\# x');
  });

  it('keeps line breaks as line breaks, but no line starts a block: no leading spaces, no blank line', () => {
    assert.strictEqual(escapeMarkdown('one\r\n\r\n    two\rthree\u2028four'), 'one  \ntwo  \nthree  \nfour');
  });

  it('shows control characters and direction overrides as U+FFFD instead of letting them act', () => {
    const input = 'evil\u202Egnp.exe\u0000\u0007\u001b[31m\u2066x\u2069\u200F';
    const out = escapeMarkdown(input);
    assert.ok(
      !/[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200E\u200F]/.test(out),
      JSON.stringify(out),
    );
    assert.strictEqual(rendered(out).text, 'evil\uFFFDgnp.exe\uFFFD\uFFFD\uFFFD[31m\uFFFDx\uFFFD\uFFFD');
  });

  it('cuts very long text (and never in the middle of a surrogate pair)', () => {
    const long = 'a'.repeat(1_000_000);
    const out = escapeMarkdown(long);
    assert.strictEqual(out, `${'a'.repeat(MARKDOWN_MAX_CHARS)}…`);
    const emoji = `${'a'.repeat(MARKDOWN_MAX_CHARS - 1)}😀😀`;
    assert.strictEqual(escapeMarkdown(emoji), `${'a'.repeat(MARKDOWN_MAX_CHARS - 1)}…`);
  });

  it('breaks the links a notification would make of [text](https:…), [text](command:…) or [text](file:…)', () => {
    // The pattern VS Code's notifications link (vs/base/common/linkedText.ts).
    const linked = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi;
    const hostile =
      'Image copy [Fix it](command:workbench.action.terminal.new) [x](https://evil.example) [f](file:///etc/passwd) failed.';
    assert.ok(linked.test(hostile));
    assert.strictEqual(
      breakLinks(hostile),
      'Image copy [Fix it] (command:workbench.action.terminal.new) [x] (https://evil.example) [f] (file:///etc/passwd) failed.',
    );
    linked.lastIndex = 0;
    assert.ok(!linked.test(breakLinks(hostile)));
  });

  it('escapes codicons in status-bar text, where `\\$(x)` shows as the literal $(x)', () => {
    assert.strictEqual(escapeCodicons('Golden $(warning) $(x'), 'Golden \\$(warning) \\$(x');
  });
});

describe('image tooltips with hostile text', () => {
  const record: ImageRecord = {
    profile: 'demo',
    service: 'appstream',
    region: 'us-east-1',
    id: 'x',
    name: '# Golden [win](https://evil.example)',
    arn: 'arn:aws:appstream:us-east-1:1:image/x',
    state: 'AVAILABLE',
    ownership: 'shared',
    applications: [],
    reasons: [{ label: 'State reason', text: 'see https://evil.example\n# now' }],
    description: 'Patched\n# Click here\nhttps://evil.example/login ![x](https://evil.example/p.png)',
    displayName: '<b>Golden</b>',
    update: { available: true, description: '[Update](command:workbench.action.terminal.new)' },
    raw: {},
  };
  it('render no heading, link, image or HTML: only the bold name and line breaks', () => {
    const html = md.render(imageTooltip(record, 'fleet **prod**'));
    const tags = [...html.matchAll(/<\/?([a-z][a-z0-9]*)/gi)].map((m) => m[1].toLowerCase());
    assert.deepStrictEqual([...new Set(tags)].sort(), ['br', 'p', 'strong']);
    assert.match(
      html,
      /Description: Patched<br>\n# Click here<br>\nhttps:\/\/evil\.example\/login !\[x\]\(https:\/\/evil\.example\/p\.png\)/,
    );
    assert.match(html, /<strong># Golden \[win\]\(https:\/\/evil\.example\)<\/strong>/);
  });
});
