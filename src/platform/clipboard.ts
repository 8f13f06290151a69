// The clipboard, and the status-bar line that says what was copied.
import { requireEditor } from './editor';

/** Puts `text` on the clipboard and says so in the status bar for `ms`. */
export async function copyToClipboard(text: string, note: string, ms = 3000): Promise<void> {
  const v = requireEditor();
  await v.env.clipboard.writeText(text);
  v.window.setStatusBarMessage(note, ms);
}
