// "Show Image Details": the full record as AWS returned it, in a read-only JSON document (documents of a
// content provider's scheme cannot be edited or saved over).
import * as vscode from 'vscode';
import type { ImageRecord } from '../core/image';
import { DETAILS_SCHEME } from './ids';

export class DetailsDocuments implements vscode.TextDocumentContentProvider {
  private readonly docs = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  register(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.workspace.registerTextDocumentContentProvider(DETAILS_SCHEME, this),
      this.changed,
    );
  }

  uriFor(r: ImageRecord): vscode.Uri {
    return vscode.Uri.from({
      scheme: DETAILS_SCHEME,
      path: `/${r.profile}/${r.region}/${r.service}/${r.name}.json`,
      query: r.id,
    });
  }

  /**
   * `usedBy`: what uses the image, when its region's usage listing is known; `tags`: its tags as read (or why they
   * could not be). Neither is an AWS field of the image: ours, added last.
   */
  set(r: ImageRecord, usedBy?: readonly string[], tags?: Readonly<Record<string, string>> | string): vscode.Uri {
    const uri = this.uriFor(r);
    const doc = { ...r.raw, ...(usedBy ? { UsedBy: usedBy } : {}), ...(tags !== undefined ? { Tags: tags } : {}) };
    this.docs.set(uri.toString(), JSON.stringify(doc, null, 2) + '\n');
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.docs.get(uri.toString()) ?? '{}\n';
  }
}
