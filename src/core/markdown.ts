// The one escaping helper for Markdown. Any AWS account can share an image with you, so names, descriptions,
// tags and AWS's messages are untrusted: before such text reaches a Markdown tooltip it goes through
// `escapeMarkdown`, which makes it read as the plain text it is (no heading, list, link, image, HTML, table or
// codicon), whatever it holds. Our own Markdown around it (bold, line breaks) is written by the caller.

/** Longer text is cut (a hover is not the place for a megabyte): the full value is in "Show Image Details". */
export const MARKDOWN_MAX_CHARS = 1000;

// Every ASCII punctuation character Markdown (CommonMark and GFM) gives a meaning to, escaped with a backslash:
// emphasis, code, links and images, HTML and entities (`<`, `&`), headings, list and quote markers, tables,
// strikethrough, setext underlines (`=`), and `$` (a codicon `$(icon)` when a tooltip supports theme icons).
// `:`, `.` and `@` are escaped too: that breaks the autolinks a renderer makes of bare `https://…`, `www.…` and
// e-mail addresses, which no other escape would stop.
const SYNTAX = /[\\`*_{}[\]()#+\-.!|<>~&:@$=^]/g;
// Control characters (other than line breaks) and the invisible direction marks that can make text read
// differently from what it is (bidi overrides and isolates, as in "Trojan Source"): shown as U+FFFD.
const INVISIBLE = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069\uFEFF]/g;
const LINE_BREAK = /\r\n?|[\n\u000B\u000C\u0085\u2028\u2029]/g;

/**
 * `text` as inert Markdown that renders as the text itself. Line breaks stay line breaks, but a line can never
 * start a block (heading, list, quote, code block): its leading spaces are dropped, its first character is
 * escaped when it is syntax, and blank lines are dropped so that nothing ends the paragraph it sits in.
 */
export function escapeMarkdown(text: string, max = MARKDOWN_MAX_CHARS): string {
  let s = String(text);
  if (s.length > max) {
    // Never cut a surrogate pair in half.
    const end = /[\uD800-\uDBFF]/.test(s[max - 1]) ? max - 1 : max;
    s = `${s.slice(0, end)}…`;
  }
  return s
    .replace(LINE_BREAK, '\n')
    .replace(INVISIBLE, '\uFFFD')
    .replace(/\t/g, ' ')
    .replace(SYNTAX, '\\$&')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('  \n');
}

/**
 * Untrusted text in a status-bar item's text, where `$(name)` renders a codicon: escaped so it shows as
 * written. (The workbench shows `\$(name)` as the literal `$(name)`.)
 */
export function escapeCodicons(text: string): string {
  return String(text).replace(/\$\(/g, '\\$(');
}

/**
 * Untrusted text in a notification, which shows plain text but makes a link of `[text](https:…)`,
 * `[text](command:…)` or `[text](file:…)`: a space between `]` and `(` leaves it as text.
 */
export function breakLinks(text: string): string {
  return String(text).replace(/\]\(/g, '] (');
}
