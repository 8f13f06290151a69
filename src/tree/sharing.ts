// The "Shared with" row under an owned image, and its accounts. Nothing is asked of AWS until the row is
// expanded; then every page is loaded, one request each (AppStream: 500 accounts a page, WorkSpaces: 25; an
// image is shared with at most 100 accounts unless the quota was raised). A failure is an error row with Retry.
import * as vscode from 'vscode';
import type { Failure, FailureContext } from '../core/errors';
import { Keys } from '../core/imageRef';
import { PagedList } from '../core/pagedList';
import { offersSharedWith, SHARING_IAM, useLabel } from '../core/sharing';
import type { ImageApi } from '../aws/images';
import { errorRowFields } from './errorRow';
import type { AccountNode, ImageNode, MessageNode, Node, SharedWithNode } from './nodes';

export interface SharingDeps {
  intern<T extends Node>(node: T): T;
  api(profile: string): ImageApi;
  describe(e: unknown, ctx: FailureContext): Failure;
  /** Which of the user's profiles signs in as this account, when a response has told it. */
  profileOf?(accountId: string): string | undefined;
}

export class SharingRows {
  constructor(private readonly deps: SharingDeps) {}

  /** The "Shared with" row of an image that offers one (core/sharing.ts offersSharedWith says which do). */
  rowsOf(image: ImageNode): SharedWithNode[] {
    if (!offersSharedWith(image.record)) return [];
    const { profile, service, region, id } = image.record;
    const list = new PagedList((token: string | undefined) =>
      this.deps.api(profile).permissions({ profile, service, region, id }, token),
    );
    return [
      this.deps.intern<SharedWithNode>({
        kind: 'sharedWith',
        id: Keys.row(image.id, 'sharedWith'),
        list,
        parent: image,
      }),
    ];
  }

  async children(node: SharedWithNode): Promise<Node[]> {
    await node.list.loadAll();
    const rows: Node[] = node.list.items.map((account) => {
      const row = this.deps.intern<AccountNode>({
        kind: 'account',
        id: Keys.child(node.id, account.accountId),
        account,
        parent: node,
      });
      row.account = account;
      row.profile = this.deps.profileOf?.(account.accountId);
      return row;
    });
    if (node.list.error) rows.push(this.errorRow(node));
    else if (!rows.length) {
      rows.push({
        kind: 'message',
        id: Keys.row(node.id, 'none'),
        label: vscode.l10n.t('Not shared with any account'),
        icon: 'info',
        parent: node,
      });
    }
    return rows;
  }

  private errorRow(node: SharedWithNode): MessageNode {
    const r = node.parent.record;
    const failure = this.deps.describe(node.list.error, {
      region: r.region,
      profile: r.profile,
      sharing: true,
      iamAction: SHARING_IAM.list[r.service],
    });
    return { kind: 'message', id: Keys.row(node.id, 'error'), failure, parent: node, ...errorRowFields(failure, node) };
  }
}

export function renderSharedWith(node: SharedWithNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Shared with'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('organization');
  const n = node.list.items.length;
  if (node.list.loaded && !node.list.hasMore) {
    item.description = n === 1 ? vscode.l10n.t('1 account') : vscode.l10n.t('{0} accounts', n);
  }
  item.contextValue = `sharedWith.${node.parent.record.service}`;
  return item;
}

export function renderAccount(node: AccountNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.account.accountId, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [node.profile, useLabel(node.account)].filter(Boolean).join(' · ');
  item.iconPath = new vscode.ThemeIcon('account');
  item.tooltip = node.account.use
    ? vscode.l10n.t(
        'AWS account {0} may use {1} for: {2}',
        node.account.accountId,
        node.parent.parent.record.name,
        useLabel(node.account),
      )
    : vscode.l10n.t(
        'AWS account {0} may copy {1} (in this region)',
        node.account.accountId,
        node.parent.parent.record.name,
      );
  // account.<service>: Change Permissions is offered on AppStream accounts only; Stop Sharing on both.
  item.contextValue = `account.${node.parent.parent.record.service}`;
  return item;
}
