// One status-bar item of Cloud Images, shown only while it has something to say; what it shows is readable
// back for tests. The copies' and the distributions' items are each one of these.
import * as vscode from 'vscode';
import { Disposable } from '../platform/lifecycle';

export class StatusItem extends Disposable {
  private readonly item: vscode.StatusBarItem;
  private shown = false;

  constructor(
    id: string,
    priority: number,
    name: string,
    command: string,
    private readonly clickHint: string,
  ) {
    super();
    this.item = this._register(vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority));
    this.item.name = name;
    this.item.command = command;
  }

  /**
   * `text` with codicons (untrusted text in it through escapeCodicons); the screen reader hears it without
   * them, then what a click does. `tooltip` is Markdown whose untrusted parts went through escapeMarkdown: it is
   * never trusted (no command links) and renders no HTML.
   */
  show(text: string, tooltip: string): void {
    this.shown = true;
    this.item.text = text;
    const md = new vscode.MarkdownString(tooltip);
    md.isTrusted = false;
    md.supportHtml = false;
    md.supportThemeIcons = false;
    this.item.tooltip = md;
    this.item.accessibilityInformation = {
      label: `${text.replace(/(?<!\\)\$\([^)]*\) ?/g, '').replace(/\\\$\(/g, '$(')}. ${this.clickHint}`,
      role: 'button',
    };
    this.item.show();
  }

  hide(): void {
    this.shown = false;
    this.item.hide();
  }

  /** What the item shows (undefined while hidden), for tests. */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  /** The tooltip as it reads (Markdown escapes removed), for tests. */
  get tooltip(): string | undefined {
    return this.markdown?.value.replace(/\\(.)/g, '$1');
  }

  /** The tooltip as given to VS Code, for tests. */
  get markdown(): vscode.MarkdownString | undefined {
    return this.shown ? (this.item.tooltip as vscode.MarkdownString) : undefined;
  }

  get accessibilityLabel(): string | undefined {
    return this.shown ? this.item.accessibilityInformation?.label : undefined;
  }
}
