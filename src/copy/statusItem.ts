// One status-bar item of Cloud Images, shown only while it has something to say; what it shows is readable
// back for tests. The copies' and the distributions' items are each one of these.
import * as vscode from 'vscode';

export class StatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private shown = false;

  constructor(id: string, priority: number, name: string, command: string, private readonly clickHint: string) {
    this.item = vscode.window.createStatusBarItem(id, vscode.StatusBarAlignment.Left, priority);
    this.item.name = name;
    this.item.command = command;
  }

  /** `text` with codicons; the screen reader hears it without them, then what a click does. */
  show(text: string, tooltip: string): void {
    this.shown = true;
    this.item.text = text;
    this.item.tooltip = new vscode.MarkdownString(tooltip);
    this.item.accessibilityInformation = { label: `${text.replace(/\$\([^)]*\) ?/g, '')}. ${this.clickHint}`, role: 'button' };
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

  get tooltip(): string | undefined {
    return this.shown ? (this.item.tooltip as vscode.MarkdownString).value : undefined;
  }

  get accessibilityLabel(): string | undefined {
    return this.shown ? this.item.accessibilityInformation?.label : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}
