// Answers the questions of a command flow as a user would, in order. Input answers go through the same
// validation the input box applies (typing, then Enter), and every message the user would have seen is kept.
// Both tiers use it: the integration tests in a real extension host, the command unit tests in plain mocha.
import { setMaxListeners } from 'node:events';
import type {
  Choice,
  InputOptions,
  PagedPickOptions,
  Prompts,
  SearchOptions,
  Severity,
} from '../../src/platform/prompts';

export type Answer =
  | { pick: string | ((label: string) => boolean) }
  | { pickMany: string[] }
  | { pickPaged: string }
  | { input: string[] } // tried in order, like a user correcting what the box rejects
  | { confirm: boolean }
  | { choose: string } // one of the actions of a modal with several
  | { search: string; includePublic?: boolean; fresh?: boolean } // waits for the search to finish, then chooses this label
  | { searchThenEscape: number } // closes the pick after this many ms, while the search runs
  | 'escape';

export interface Shown {
  kind: string;
  title: string;
  items?: string[];
  value?: string;
  messages?: string[];
  detail?: string;
  placeHolder?: string;
  /** A modal that reports a failure (a warning otherwise). */
  severity?: 'error';
}

export class ScriptedPrompts implements Prompts {
  /** The questions asked, in order. */
  readonly shown: Shown[] = [];
  /** The notifications shown (not questions: they need no answer and are left unclicked), as "severity: text". */
  readonly notes: string[] = [];
  constructor(private readonly answers: Answer[]) {}

  get remaining(): number {
    return this.answers.length;
  }

  private next(kind: string): Answer {
    const a = this.answers.shift();
    if (a === undefined) throw new Error(`no scripted answer for ${kind} "${this.shown.at(-1)?.title}"`);
    return a;
  }

  async pick<T>(items: Choice<T>[], opts: { title: string; placeHolder?: string }): Promise<T | undefined> {
    this.shown.push({
      kind: 'pick',
      title: opts.title,
      items: items.map((i) => i.label),
      placeHolder: opts.placeHolder,
    });
    const a = this.next('pick');
    if (a === 'escape') return undefined;
    if (!('pick' in a)) throw new Error(`expected a pick answer for "${opts.title}", got ${JSON.stringify(a)}`);
    const match = typeof a.pick === 'string' ? (l: string) => l === a.pick : a.pick;
    const item = items.find((i) => match(i.label));
    if (!item) throw new Error(`no item ${String(a.pick)} among ${JSON.stringify(items.map((i) => i.label))}`);
    return item.value;
  }

  async pickMany<T>(items: Choice<T>[], opts: { title: string }): Promise<T[] | undefined> {
    this.shown.push({ kind: 'pickMany', title: opts.title, items: items.map((i) => i.label) });
    const a = this.next('pickMany');
    if (a === 'escape') return undefined;
    if (!('pickMany' in a)) throw new Error(`expected a pickMany answer for "${opts.title}"`);
    return a.pickMany.map((label) => {
      const item = items.find((i) => i.label === label);
      if (!item) throw new Error(`no item ${label}`);
      return item.value;
    });
  }

  /** Clicks "Load more…" until the wanted label is listed, as a user would. */
  async pickPaged<T>(opts: PagedPickOptions<T>): Promise<T | undefined> {
    const a = this.next('pickPaged');
    const labels: string[] = [];
    const shown: Shown = { kind: 'pickPaged', title: opts.title, items: labels, messages: [] };
    this.shown.push(shown);
    if (a === 'escape') return undefined;
    if (!('pickPaged' in a)) throw new Error(`expected a pickPaged answer for "${opts.title}"`);
    let token: string | undefined;
    do {
      const page = await opts.fetch(token);
      labels.push(...page.items.map((i) => i.label));
      const item = page.items.find((i) => i.label === a.pickPaged);
      if (item) return item.value;
      token = page.nextToken;
      if (token) shown.messages!.push('Load more…');
    } while (token);
    throw new Error(`${a.pickPaged} not found among ${labels.length} items`);
  }

  async search<T>(opts: SearchOptions<T>): Promise<T | undefined> {
    const items: Choice<T>[] = [];
    const shown: Shown = { kind: 'search', title: opts.title, value: opts.value, messages: [] };
    this.shown.push(shown);
    const a = this.next('search');
    const abort = new AbortController();
    setMaxListeners(0, abort.signal);
    const how = {
      fresh: typeof a === 'object' && 'search' in a && !!a.fresh,
      includePublic:
        typeof a === 'object' && 'search' in a && a.includePublic !== undefined ? a.includePublic : opts.includePublic,
    };
    if (how.includePublic !== opts.includePublic) opts.onIncludePublic?.(how.includePublic);
    const running = opts.run(
      (more) => items.push(...more),
      (m) => shown.messages!.push(m),
      abort.signal,
      how,
    );
    if (a === 'escape') abort.abort();
    else if (typeof a === 'object' && 'searchThenEscape' in a) {
      await new Promise((r) => setTimeout(r, a.searchThenEscape));
      abort.abort();
    } else if (typeof a !== 'object' || !('search' in a)) {
      throw new Error(`expected a search answer for "${opts.title}"`);
    }
    const { failed, asOf } = await running;
    shown.items = items.map((i) => i.label);
    shown.detail = asOf ? 'as of' : undefined;
    if (failed.length) shown.messages!.push(`could not search: ${failed.join(', ')}`);
    if (abort.signal.aborted || typeof a !== 'object' || !('search' in a)) return undefined;
    const item = items.find((i) => i.label === a.search);
    if (!item) throw new Error(`${a.search} not found among ${items.length} results`);
    return item.value;
  }

  async input(opts: InputOptions): Promise<string | undefined> {
    const shown: Shown = { kind: 'input', title: opts.title, value: opts.value, messages: [] };
    this.shown.push(shown);
    const a = this.next('input');
    if (a === 'escape') return undefined;
    if (!('input' in a)) throw new Error(`expected an input answer for "${opts.title}"`);
    for (const v of a.input) {
      const msg = opts.validate(v) ?? (opts.validateOnAccept ? await opts.validateOnAccept(v) : undefined);
      if (!msg) return v;
      shown.messages!.push(msg);
    }
    return undefined; // the user gave up: Escape
  }

  /** Notifications need no answer: they are recorded (kind "info" / "warning" / "error") and left unclicked. */
  async notify(severity: Severity, message: string): Promise<string | undefined> {
    this.notes.push(`${severity}: ${message}`);
    return undefined;
  }

  async confirm(message: string, detail: string, action: string): Promise<boolean> {
    this.shown.push({ kind: 'confirm', title: message, detail, items: [action] });
    const a = this.next('confirm');
    if (a === 'escape') return false;
    if (!('confirm' in a)) throw new Error(`expected a confirm answer for "${message}"`);
    return a.confirm;
  }

  async choose(
    message: string,
    detail: string,
    actions: string[],
    severity?: 'warning' | 'error',
  ): Promise<string | undefined> {
    this.shown.push({
      kind: 'choose',
      title: message,
      detail,
      items: actions,
      ...(severity === 'error' ? { severity } : {}),
    });
    const a = this.next('choose');
    if (a === 'escape') return undefined;
    if (!('choose' in a)) throw new Error(`expected a choose answer for "${message}"`);
    if (!actions.includes(a.choose)) throw new Error(`no action ${a.choose} among ${JSON.stringify(actions)}`);
    return a.choose;
  }
}
