// Opening a link in the user's browser, as a seam a command reaches through its context (an integration test
// replaces it to see what would be opened). A streaming link is a credential: nothing here logs or keeps it.
import { openExternal } from './documents';

export interface Browser {
  /** Opens `url` outside the editor; the editor may first ask the user to confirm the site. */
  open(url: string): Thenable<boolean>;
}

export const systemBrowser: Browser = { open: (url) => openExternal(url) };
