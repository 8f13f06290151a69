// Editors and links a command opens: a new untitled document, a document by URI, a web page outside the editor.
import type * as vscode from 'vscode';
import { requireEditor } from './editor';

/** An untitled editor holding `content` (not a preview: it stays open to be saved or compared). */
export async function openUntitled(content: string, language: string): Promise<void> {
  const v = requireEditor();
  await v.window.showTextDocument(await v.workspace.openTextDocument({ language, content }), { preview: false });
}

/** A document by URI (a read-only details document), in `language`, in a preview editor. */
export async function showDocument(uri: vscode.Uri, language: string): Promise<vscode.TextDocument> {
  const v = requireEditor();
  const doc = await v.workspace.openTextDocument(uri);
  await v.languages.setTextDocumentLanguage(doc, language);
  await v.window.showTextDocument(doc, { preview: true });
  return doc;
}

/** Opens `url` in the browser; the editor may first ask the user to confirm the site. */
export function openExternal(url: string): Thenable<boolean> {
  const v = requireEditor();
  return v.env.openExternal(v.Uri.parse(url));
}
