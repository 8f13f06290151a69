// Driving the real workbench in headless Chromium as a user would: click, type, read what is on screen.
import fs from 'node:fs';
import path from 'node:path';

export class Workbench {
  constructor(page, shotsDir) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.shots = [];
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
    return this.page.locator('.monaco-list-row[role="treeitem"]', { has: this.page.locator('.label-name', { hasText: exact }) }).first();
  }

  async rowTexts() {
    return this.page.locator('.monaco-list-row[role="treeitem"]').allInnerTexts();
  }

  async expand(label) {
    const r = this.row(label);
    await r.waitFor({ timeout: 30000 });
    if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
    await this.page.waitForFunction((l) => [...document.querySelectorAll('.monaco-list-row')].some((e) => e.getAttribute('aria-expanded') === 'true' && e.textContent.includes(l)), label);
  }

  async contextMenu(label, item) {
    await this.row(label).click({ button: 'right' });
    const entry = this.page.locator('.monaco-menu .action-item', { hasText: item }).first();
    await entry.waitFor({ timeout: 10000 });
    await entry.click();
    // The tree may re-render under the menu (images in transition refresh themselves); a click that landed
    // while the menu was rebuilt leaves it open: click again.
    const closed = await this.page.locator('.monaco-menu').first().waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false);
    if (!closed) await entry.click();
  }

  get quickInput() {
    return this.page.locator('.quick-input-widget');
  }

  async quickInputMessage() {
    return (await this.page.locator('.quick-input-widget .quick-input-message').innerText()).trim();
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
