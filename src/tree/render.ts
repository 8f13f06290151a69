// TreeItems for each node kind: labels, codicons, tooltips and the contextValues the menus match.
import * as vscode from 'vscode';
import { listTypeLabel, SERVICE_FULL_NAMES, SERVICE_LABELS } from '../core/image';
import { stateKind } from '../core/imageState';
import { hasUpdate, imageContextValue, imageDescription, imageTooltip } from '../core/present';
import { regionLabel } from '../core/regions';
import { SERVICES_CAN } from '../core/services';
import { Commands } from '../platform/ids';
import type { UsageIndex } from '../aws/usage';
import { offersSharedWith } from '../core/sharing';
import type { ImageNode, Node, TypeNode } from './nodes';
import { renderAccount, renderSharedWith } from './sharing';
import { renderBuilder, renderBuilders } from './builders';
import { renderExports, renderExportTask } from './exports';
import { renderUsageRow, renderUsedBy, usageLine } from './usage';
import { healthLabels, type HealthReason } from '../core/health';
import { markTooltip, type HealthMarks } from '../core/healthMarks';
import { tagsMarkdown, tagsReadable, type Tags } from '../core/tags';
import type { ImageRecord } from '../core/image';

const Collapsed = vscode.TreeItemCollapsibleState.Collapsed;
const None = vscode.TreeItemCollapsibleState.None;

const STATE_ICONS = {
  available: new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed')),
  transitional: new vscode.ThemeIcon('sync~spin'),
  failed: new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed')),
  deleting: new vscode.ThemeIcon('trash'),
};

/** `shown`: how many of a list's loaded images the view's filter keeps (undefined: no filter). */
export function renderNode(
  node: Node,
  usage: UsageIndex,
  shown: (node: TypeNode) => number | undefined = () => undefined,
  tagsOf: (r: ImageRecord) => Tags | undefined = () => undefined,
  health?: HealthMarks,
): vscode.TreeItem {
  switch (node.kind) {
    case 'profile': {
      const item = new vscode.TreeItem(node.profile, Collapsed);
      item.id = node.id;
      item.description = node.accountId;
      item.tooltip = node.accountId
        ? vscode.l10n.t('Profile {0}, account {1}', node.profile, node.accountId)
        : vscode.l10n.t('Profile {0}', node.profile);
      item.iconPath = new vscode.ThemeIcon(node.known ? 'account' : 'warning');
      item.contextValue = 'profile';
      return item;
    }
    case 'region': {
      const item = new vscode.TreeItem(regionLabel(node.region), Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon('globe');
      item.contextValue = 'region';
      return item;
    }
    case 'service': {
      const item = new vscode.TreeItem(SERVICE_LABELS[node.service], Collapsed);
      item.id = node.id;
      item.tooltip = SERVICE_FULL_NAMES[node.service];
      item.iconPath = new vscode.ThemeIcon(SERVICES_CAN[node.service].icon);
      item.contextValue = `service.${node.service}`;
      return item;
    }
    case 'type':
      return renderType(node, shown(node));
    case 'image':
      return renderImage(node, usage, tagsOf(node.record), health?.of(node.record));
    case 'usedBy':
      return renderUsedBy(node, usage);
    case 'usageRow':
      return renderUsageRow(node);
    case 'app': {
      const item = new vscode.TreeItem(node.app.displayName || node.app.name, None);
      item.id = node.id;
      item.description = [
        node.app.name !== node.app.displayName ? node.app.name : undefined,
        node.app.platforms.join(', '),
      ]
        .filter(Boolean)
        .join(' · ');
      item.iconPath = new vscode.ThemeIcon('symbol-method');
      item.contextValue = 'application';
      return item;
    }
    case 'sharedWith':
      return renderSharedWith(node);
    case 'builders':
      return renderBuilders(node);
    case 'builder':
      return renderBuilder(node);
    case 'exports':
      return renderExports(node);
    case 'exportTask':
      return renderExportTask(node);
    case 'account':
      return renderAccount(node);
    case 'loadMore': {
      const loading = node.parent.list.loading;
      const item = new vscode.TreeItem(loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more…'), None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(loading ? 'loading~spin' : 'ellipsis');
      item.command = { command: Commands.loadMore, title: vscode.l10n.t('Load more…'), arguments: [node.parent] };
      item.contextValue = 'loadMore';
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.label, None);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(
        node.icon,
        node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined,
      );
      item.tooltip = node.tooltip ?? node.label;
      if (node.command) {
        item.command = { command: node.command.id, title: node.command.title, arguments: node.command.args };
      }
      item.contextValue = node.contextValue ?? 'message';
      return item;
    }
  }
}

function renderType(node: TypeNode, shown: number | undefined): vscode.TreeItem {
  const item = new vscode.TreeItem(listTypeLabel(node.key.service, node.key.listType), Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon(
    node.key.listType === 'PUBLIC' ? 'globe' : node.key.listType === 'SHARED' ? 'organization' : 'account',
  );
  const n = node.list.items.length;
  const total = node.list.hasMore ? `${n}+` : String(n);
  if (node.list.loaded && shown !== undefined) item.description = vscode.l10n.t('{0} of {1} shown', shown, total);
  else if (node.list.loaded) {
    item.description = node.list.hasMore
      ? vscode.l10n.t('{0}+ images', n)
      : n === 1
        ? vscode.l10n.t('1 image')
        : vscode.l10n.t('{0} images', n);
  }
  item.contextValue = `type.${node.key.service}.${node.key.listType.toLowerCase()}`;
  return item;
}

function renderImage(
  node: ImageNode,
  usage: UsageIndex,
  tags: Tags | undefined,
  marked: readonly HealthReason[] | undefined,
): vscode.TreeItem {
  const r = node.record;
  // Owned images have a "Used by" row (and, where AWS may share them, a "Shared with" row).
  const item = new vscode.TreeItem(
    r.name,
    r.applications.length || r.ownership === 'owned' || offersSharedWith(r) ? Collapsed : None,
  );
  item.id = node.id;
  // The marks of an owned image AWS says is shared (AppStream's ImageSharedWithOthers, in every listing) and of
  // an image AWS offers an update for (both listings say so: no extra request).
  item.description = [
    imageDescription(r),
    r.sharedWithOthers ? vscode.l10n.t('Shared') : undefined,
    hasUpdate(r) ? vscode.l10n.t('Update available') : undefined,
    marked ? `⚠ ${healthLabels(marked)}` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = STATE_ICONS[stateKind(r.state)];
  // An owned image's tags are read when its tooltip is first hovered (resolveTreeItem resolves only a tooltip
  // left undefined here); once read, they are part of it.
  item.tooltip = tagsReadable(r) && !tags ? undefined : imageMarkdown(r, usage, tags, marked);
  item.contextValue = imageContextValue(r);
  item.accessibilityInformation = { label: `${r.name}, ${String(item.description)}` };
  return item;
}

/** The image's tooltip, with its tags when they have been read and the last health report's reasons. */
export function imageMarkdown(
  r: ImageRecord,
  usage: UsageIndex,
  tags?: Tags,
  marked?: readonly HealthReason[],
): vscode.MarkdownString {
  const text = imageTooltip(r, usageLine(usage, r));
  return untrustedMarkdown((tags ? `${text}\n${tagsMarkdown(tags)}` : text) + (marked ? markTooltip(marked) : ''));
}

/**
 * A tooltip whose untrusted parts went through escapeMarkdown (core/present): never trusted, so a link can
 * run no command, and with no HTML. Said here rather than left to the defaults.
 */
function untrustedMarkdown(value: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(value);
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  return md;
}
