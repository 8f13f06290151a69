// The "Used by" row under an owned image and its children. Rendering the row sends nothing; expanding it asks
// the UsageIndex, which lists the region once for every image in it. The image's tooltip and details say what
// uses it once that listing is known.
import * as vscode from 'vscode';
import type { Failure } from '../core/errors';
import type { ImageRecord } from '../core/image';
import type { ServiceId } from '../core/regions';
import { Keys } from '../core/imageRef';
import { describeUser, kindLabel, unusedText, usedByText, usersOf, type ImageUser } from '../core/usage';
import type { UsageIndex } from '../aws/usage';
import { errorRowFields } from './errorRow';
import type { ImageNode, UsageRowNode, UsedByNode } from './nodes';

const USER_ICONS = { fleet: 'server-environment', imageBuilder: 'tools', bundle: 'package' } as const;

// One "Used by" node per image node (image nodes are kept by the provider until a refresh), so the workbench
// can be told it changed.
const usedByNodes = new WeakMap<ImageNode, UsedByNode>();

/** The "Used by" row for an owned image (none for images of others: their users are not the account's). */
export function usedByRow(image: ImageNode): UsedByNode[] {
  if (image.record.ownership !== 'owned') return [];
  let node = usedByNodes.get(image);
  if (!node) {
    node = { kind: 'usedBy', id: Keys.row(image.id, 'usedBy'), parent: image };
    usedByNodes.set(image, node);
  }
  return [node];
}

/** What uses the image, if its region's listing is known (never asks AWS). */
export function knownUsers(usage: UsageIndex, r: ImageRecord): ImageUser[] | undefined {
  const users = usage.known(r);
  return users && usersOf(r, users);
}

/** The tooltip line: "Used by: fleet a", "Used by: nothing", or nothing while not known. */
export function usageLine(usage: UsageIndex, r: ImageRecord): string | undefined {
  if (r.ownership !== 'owned') return undefined;
  const users = knownUsers(usage, r);
  return users && (usedByText(users) ?? `nothing (${unusedText(r.service).toLowerCase()})`);
}

export async function usedByChildren(
  usage: UsageIndex,
  node: UsedByNode,
  describe: (e: unknown) => Failure,
): Promise<UsageRowNode[]> {
  const r = node.parent.record;
  let users: ImageUser[];
  try {
    users = usersOf(r, await usage.users(r));
  } catch (e) {
    const failure = describe(e);
    return [{ kind: 'usageRow', id: Keys.row(node.id, 'error'), parent: node, ...errorRowFields(failure, node) }];
  }
  if (!users.length) {
    return [
      {
        kind: 'usageRow',
        id: Keys.row(node.id, 'none'),
        label: unusedText(r.service),
        icon: 'info',
        parent: node,
        contextValue: 'usage.none',
      },
    ];
  }
  return users.map((u) => ({
    kind: 'usageRow',
    id: Keys.child(node.id, u.id ?? u.name, u.kind),
    label: u.name,
    parent: node,
    icon: USER_ICONS[u.kind],
    description: [kindLabel(u.kind), u.id !== u.name ? u.id : undefined, u.state].filter(Boolean).join(' · '),
    tooltip: describeUser(u),
    contextValue: `usage.${u.kind}`,
  }));
}

/** What the "Used by" row lists, in each service's words (its usage kinds). */
const usedByTooltip = (): Record<ServiceId, string> => ({
  appstream: vscode.l10n.t('Fleets and image builders that use this image'),
  workspaces: vscode.l10n.t('Bundles of this account built on this image'),
});

export function renderUsedBy(node: UsedByNode, usage: UsageIndex): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Used by'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('references');
  const users = knownUsers(usage, node.parent.record);
  if (users) item.description = users.length ? String(users.length) : vscode.l10n.t('nothing');
  item.tooltip = usedByTooltip()[node.parent.record.service];
  item.contextValue = 'usedBy';
  return item;
}

export function renderUsageRow(node: UsageRowNode): vscode.TreeItem {
  const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = node.description;
  item.iconPath = new vscode.ThemeIcon(
    node.icon,
    node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
  );
  item.tooltip = node.tooltip ?? node.label;
  if (node.command) {
    item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args };
  }
  item.contextValue = node.contextValue;
  return item;
}
