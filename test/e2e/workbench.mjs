// Driving the real workbench in headless Chromium as a user would: click, type, read what is on screen.
import fs from 'node:fs';
import path from 'node:path';

export class Workbench {
  constructor(page, shotsDir, shots = []) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.shots = shots;
  }

  /** Another window (page) of the same run: its screenshots are numbered with this one's. */
  other(page) {
    return new Workbench(page, this.shotsDir, this.shots);
  }

  async shot(name) {
    fs.mkdirSync(this.shotsDir, { recursive: true });
    const file = path.join(this.shotsDir, `${String(this.shots.length + 1).padStart(2, '0')}-${name}.png`);
    await this.page.waitForTimeout(300);
    await this.page.screenshot({ path: file });
    this.shots.push(file);
    return file;
  }

  /** The tree rows of the Cloud Images view, as shown. */
  row(label) {
    const exact = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.page
      .locator('.monaco-list-row[role="treeitem"]', { has: this.page.locator('.label-name', { hasText: exact }) })
      .first();
  }

  async rowTexts() {
    return this.page.locator('.monaco-list-row[role="treeitem"]').allInnerTexts();
  }

  async expand(label) {
    const r = this.row(label);
    await r.waitFor({ timeout: 30000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    await this.page.waitForFunction(
      (l) =>
        [...document.querySelectorAll('.monaco-list-row')].some(
          (e) => e.getAttribute('aria-expanded') === 'true' && e.textContent.includes(l),
        ),
      label,
    );
  }

  async contextMenu(label, item) {
    await this.row(label).click({ button: 'right' });
    const entry = this.page.locator('.monaco-menu .action-item', { hasText: item }).first();
    await entry.waitFor({ timeout: 10000 });
    await entry.click();
    // The tree may re-render under the menu (images in transition refresh themselves); a click that landed
    // while the menu was rebuilt leaves it open: click again.
    const closed = await this.page
      .locator('.monaco-menu')
      .first()
      .waitFor({ state: 'hidden', timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
    if (!closed) await entry.click();
  }

  /** Copy Image… from a row's context menu to one region, under `name`, with the description and tags offered. */
  async copyFromTree(source, region, name, { tags = false } = {}) {
    const p = this.page;
    await this.contextMenu(source, 'Copy Image…');
    await this.quickInput.waitFor();
    await this.typeInto(region);
    await p.locator('.quick-input-list .monaco-list-row', { hasText: region }).first().click();
    await p.keyboard.press('Enter');
    await p.waitForFunction(
      (v) => document.querySelector('.quick-input-widget .quick-input-box input')?.value === v,
      `${source}-copy`,
    );
    await this.typeInto(name);
    await p.keyboard.press('Enter');
    // The description box follows once the name is accepted (a taken name is checked first).
    await p.waitForFunction(
      (n) => {
        const v = document.querySelector('.quick-input-widget .quick-input-box input')?.value;
        return v !== undefined && v !== n;
      },
      name,
      { timeout: 15000 },
    );
    await p.keyboard.press('Enter');
    if (tags) {
      await p
        .locator('.quick-input-list .monaco-list-row', { hasText: /Copy \d+ tags?/ })
        .first()
        .waitFor();
      await p.keyboard.press('Enter');
    }
  }

  /** Runs a command from the palette by its title. */
  async command(title) {
    await this.page.keyboard.press('F1');
    await this.typeInto(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Toasts now showing `text`. */
  async toasts(text) {
    return this.page.locator('.notification-toast', { hasText: text }).count();
  }

  /**
   * The keys of an extension's global state as this window's workbench stores it (the browser's IndexedDB,
   * default profile): what the workbench hands to the extension host of this window.
   */
  async storedGlobalStateKeys(extensionId) {
    return this.page.evaluate(async (id) => {
      const db = await new Promise((resolve, reject) => {
        const r = indexedDB.open('vscode-web-state-db-global');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      try {
        const raw = await new Promise((resolve, reject) => {
          const r = db.transaction('ItemTable').objectStore('ItemTable').get(id);
          r.onsuccess = () => resolve(r.result);
          r.onerror = () => reject(r.error);
        });
        return raw ? Object.keys(JSON.parse(raw)) : [];
      } finally {
        db.close();
      }
    }, extensionId);
  }

  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  async quickInputMessage() {
    return (await this.page.locator('.quick-input-widget .quick-input-message').innerText()).trim();
  }

  /** Waits for the input box of the next question (told by its placeholder), not the one still closing. */
  async inputWithPlaceholder(placeholder, timeout = 15000) {
    await this.page.waitForFunction(
      (p) => document.querySelector('.quick-input-widget .quick-input-box input')?.placeholder === p,
      placeholder,
      { timeout },
    );
  }

  /** Replaces the text of the open input box, as typing would. */
  async typeInto(text) {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill('');
    await input.pressSequentially(text, { delay: 5 });
  }

  async notification(text, timeout = 30000) {
    const n = this.page.locator('.notification-toast', { hasText: text }).first();
    await n.waitFor({ timeout });
    return (await n.locator('.notification-list-item-message').first().innerText()).trim();
  }

  async statusBar(text, timeout = 30000) {
    const item = this.page.locator('.statusbar-item', { hasText: text }).first();
    await item.waitFor({ timeout });
    return item;
  }

  /** Waits until no status-bar item shows `text`. */
  async statusBarGone(text, timeout = 30000) {
    await this.page.locator('.statusbar-item', { hasText: text }).first().waitFor({ state: 'hidden', timeout });
  }
}
