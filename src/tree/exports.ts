// The "Exports to AMI" row under a region's AppStream row, and its export task rows. Rendering the row sends
// nothing; its first expansion sends one ListExportImageTasks, "Load more" one more; a failure and an empty list
// are rows. A task row's contextValue is `exportTask.<state>` (Copy AMI ID on a completed one).
import * as vscode from 'vscode';
import { Keys } from '../core/imageRef';
import {
  AMI_IMPORT_EXPORT,
  exportStateLabel,
  exportTaskInTransition,
  type ExportTaskRecord,
} from '../core/importExport';
import { escapeMarkdown } from '../core/markdown';
import { PagedList } from '../core/pagedList';
import { loadMorePaged, pagedRows, resetPaged, type PagedRowsDeps } from './pagedRows';
import type { Node, ServiceNode } from './nodes';

/** "Exports to AMI" under an AppStream service row: the region's export tasks, paged. */
export interface ExportsNode {
  kind: 'exports';
  id: string;
  profile: string;
  region: string;
  list: PagedList<ExportTaskRecord>;
  parent: ServiceNode;
}

export interface ExportTaskNode {
  kind: 'exportTask';
  id: string;
  record: ExportTaskRecord;
  parent: ExportsNode;
}

export type ExportRowsDeps = PagedRowsDeps;

export class ExportRows {
  constructor(private readonly deps: ExportRowsDeps) {}

  /** The "Exports to AMI" row of a service row, where the service exports images to AMIs. */
  rowsOf(service: ServiceNode): ExportsNode[] {
    return AMI_IMPORT_EXPORT[service.service] ? [this.exportsNode(service)] : [];
  }

  private exportsNode(parent: ServiceNode): ExportsNode {
    const { profile, region } = parent;
    const id = Keys.row(parent.id, 'exports');
    const list = new PagedList<ExportTaskRecord>((token) => this.deps.api(profile).listExportTasks(region, token));
    return this.deps.intern<ExportsNode>({ kind: 'exports', id, profile, region, list, parent });
  }

  async children(node: ExportsNode): Promise<Node[]> {
    await node.list.ensureLoaded();
    return pagedRows(
      node,
      node.list.items.map((record) => this.taskNode(node, record)),
      this.deps,
      vscode.l10n.t('No exports to AMI'),
      {
        iamAction: 'appstream:ListExportImageTasks',
      },
    );
  }

  private taskNode(parent: ExportsNode, record: ExportTaskRecord): ExportTaskNode {
    const id = Keys.child(parent.id, record.taskId);
    const node = this.deps.intern<ExportTaskNode>({ kind: 'exportTask', id, record, parent });
    node.record = record;
    return node;
  }

  /** The region's "Exports to AMI" row if it has been shown since the last refresh. */
  opened(profile: string, region: string, service: ServiceNode['service']): ExportsNode | undefined {
    const node = this.deps.lookup(`exports:${Keys.row(Keys.service(profile, region, service), 'exports')}`);
    return node?.kind === 'exports' ? node : undefined;
  }

  loadMore(node: ExportsNode): Promise<void> {
    return loadMorePaged(node, this.deps);
  }

  reset(node: ExportsNode): void {
    resetPaged(node, this.deps);
  }
}

export function renderExports(node: ExportsNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Exports to AMI'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('export');
  const n = node.list.items.length;
  if (node.list.loaded) {
    item.description = node.list.hasMore
      ? vscode.l10n.t('{0}+ tasks', n)
      : n === 1
        ? vscode.l10n.t('1 task')
        : vscode.l10n.t('{0} tasks', n);
  }
  item.tooltip = vscode.l10n.t('Recent exports of images to EC2 AMIs in this region (AppStream 2.0)');
  item.contextValue = 'exports';
  return item;
}

function stateIcon(state: string): vscode.ThemeIcon {
  if (exportTaskInTransition(state)) return new vscode.ThemeIcon('sync~spin');
  if (state === 'COMPLETED') return new vscode.ThemeIcon('pass', new vscode.ThemeColor('testing.iconPassed'));
  // FAILED, or a state at rest this version does not know (TIMED_OUT in newer models): the export did not end well.
  return new vscode.ThemeIcon('error', new vscode.ThemeColor('testing.iconFailed'));
}

export function renderExportTask(node: ExportTaskNode): vscode.TreeItem {
  const x = node.record;
  const item = new vscode.TreeItem(x.amiName, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.description = [exportStateLabel(x.state), x.amiId, x.imageName].filter(Boolean).join(' · ');
  item.iconPath = stateIcon(x.state);
  const md = new vscode.MarkdownString(exportTaskTooltip(x));
  // Names, descriptions, tags and AWS's messages are untrusted: escaped, and the tooltip can run nothing.
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  item.tooltip = md;
  item.contextValue = `exportTask.${x.state.toLowerCase()}`;
  item.accessibilityInformation = { label: `${x.amiName}, ${String(item.description)}` };
  return item;
}

/** The tooltip's Markdown: every value from AWS goes through escapeMarkdown. */
export function exportTaskTooltip(x: ExportTaskRecord): string {
  const tags = Object.entries(x.tags)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Image'), x.imageName],
    [vscode.l10n.t('AMI ID'), x.amiId],
    [vscode.l10n.t('AMI description'), x.amiDescription],
    [vscode.l10n.t('Task ID'), x.taskId],
    [vscode.l10n.t('Created'), x.created && x.created.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'],
    [vscode.l10n.t('AMI tags'), tags || undefined],
    ...x.errors.map((e): [string, string] => [vscode.l10n.t('Error'), [e.code, e.message].filter(Boolean).join(': ')]),
  ];
  const lines = [`**${escapeMarkdown(x.amiName)}** — ${escapeMarkdown(exportStateLabel(x.state))}`, ''];
  for (const [k, v] of rows) if (v) lines.push(`${escapeMarkdown(k)}: ${escapeMarkdown(v)}  `);
  return lines.join('\n');
}
