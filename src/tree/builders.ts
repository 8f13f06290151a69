// The "Image Builders" row under a region's AppStream row, and its builder rows. Rendering the row sends nothing;
// its first expansion sends one DescribeImageBuilders, "Load more" one more; a failure and an empty list are rows.
// A builder row's contextValue carries what AWS accepts in its state (`builder.<state>.<action>...`) for the menus.
import * as vscode from 'vscode';
import {
  builderActions,
  builderInTransition,
  builderStateLabel,
  runningTooLong,
  type BuilderRecord,
} from '../core/builders';
import { Keys } from '../core/imageRef';
import { escapeMarkdown } from '../core/markdown';
import { PagedList } from '../core/pagedList';
import { BUILDERS_SERVICE, SERVICES_CAN } from '../core/services';
import { loadMorePaged, pagedRows, resetPaged, type PagedRowsDeps } from './pagedRows';
import type { Node, ServiceNode } from './nodes';

/** "Image Builders" under an AppStream service row: the region's builders, paged. */
export interface BuildersNode {
  kind: 'builders';
  id: string;
  profile: string;
  region: string;
  list: PagedList<BuilderRecord>;
  parent: ServiceNode;
}

export interface BuilderNode {
  kind: 'builder';
  id: string;
  record: BuilderRecord;
  parent: BuildersNode;
}

export type BuilderRowsDeps = PagedRowsDeps;

/** Builds and lists the builder rows for the provider. */
export class BuilderRows {
  constructor(private readonly deps: BuilderRowsDeps) {}

  /** The "Image Builders" row of a service row, where the service has builders. */
  rowsOf(service: ServiceNode): BuildersNode[] {
    return SERVICES_CAN[service.service].imageBuilders ? [this.buildersNode(service)] : [];
  }

  buildersNode(parent: ServiceNode): BuildersNode {
    const { profile, region } = parent;
    const id = Keys.row(parent.id, 'builders');
    const list = new PagedList<BuilderRecord>((token) => this.deps.api(profile).listBuilders(profile, region, token));
    return this.deps.intern<BuildersNode>({ kind: 'builders', id, profile, region, list, parent });
  }

  async children(node: BuildersNode): Promise<Node[]> {
    await node.list.ensureLoaded();
    return pagedRows(
      node,
      node.list.items.map((record) => this.builderNode(node, record)),
      this.deps,
      vscode.l10n.t('No image builders'),
    );
  }

  builderNode(parent: BuildersNode, record: BuilderRecord): BuilderNode {
    const node = this.deps.intern<BuilderNode>({
      kind: 'builder',
      id: Keys.child(parent.id, record.name),
      record,
      parent,
    });
    node.record = record;
    return node;
  }

  /** The region's "Image Builders" row if it has been shown since the last refresh. */
  opened(profile: string, region: string): BuildersNode | undefined {
    const node = this.deps.lookup(`builders:${Keys.row(Keys.service(profile, region, BUILDERS_SERVICE), 'builders')}`);
    return node?.kind === 'builders' ? node : undefined;
  }

  loadMore(node: BuildersNode): Promise<void> {
    return loadMorePaged(node, this.deps);
  }

  /** Forgets a list's pages: it lists again when shown. */
  reset(node: BuildersNode): void {
    resetPaged(node, this.deps);
  }

  /** Shows what AWS answered about one builder (STOPPING after Stop) without a re-list. */
  update(record: BuilderRecord): void {
    const node = this.opened(record.profile, record.region);
    if (!node?.list.items.some((b) => b.name === record.name)) return;
    node.list.update((b) => (b.name === record.name ? { ...b, ...record } : b));
    this.deps.changed(node);
  }

  /** Shows a builder AWS just created at the top of its region's list, if that list is shown (no request). */
  added(record: BuilderRecord): void {
    const node = this.opened(record.profile, record.region);
    if (!node?.list.loaded) return;
    if (node.list.items.some((b) => b.name === record.name)) return this.update(record);
    node.list.prepend(record);
    this.deps.changed(node);
  }
}

const STATE_COLOURS: Record<string, string | undefined> = {
  RUNNING: 'testing.iconPassed',
  FAILED: 'testing.iconFailed',
};

/** The codicon of a builder's state: spinning while AWS moves it on. */
function stateIcon(state: string): vscode.ThemeIcon {
  if (builderInTransition(state)) return new vscode.ThemeIcon('sync~spin');
  const colour = STATE_COLOURS[state];
  const icon =
    {
      RUNNING: 'vm-running',
      STOPPED: 'vm-outline',
      FAILED: 'error',
    }[state] ?? 'vm';
  return new vscode.ThemeIcon(icon, colour ? new vscode.ThemeColor(colour) : undefined);
}

export function renderBuilders(node: BuildersNode): vscode.TreeItem {
  const item = new vscode.TreeItem(vscode.l10n.t('Image Builders'), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = node.id;
  item.iconPath = new vscode.ThemeIcon('tools');
  const n = node.list.items.length;
  if (node.list.loaded) {
    item.description = node.list.hasMore
      ? vscode.l10n.t('{0}+ builders', n)
      : n === 1
        ? vscode.l10n.t('1 builder')
        : vscode.l10n.t('{0} builders', n);
  }
  item.tooltip = vscode.l10n.t('The image builders of this region (AppStream 2.0)');
  item.contextValue = 'builders';
  return item;
}

/** `builder.<state>` and then each action AWS accepts in that state: `builder.stopped.start.delete`. */
export function builderContextValue(b: Pick<BuilderRecord, 'state'>): string {
  const can = builderActions(b.state);
  const actions = (['start', 'stop', 'delete', 'connect'] as const).filter((a) => can[a]);
  return ['builder', b.state.toLowerCase(), ...actions].join('.');
}

export function renderBuilder(node: BuilderNode, now = Date.now()): vscode.TreeItem {
  const b = node.record;
  const item = new vscode.TreeItem(b.name, vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  const longRun = runningTooLong(b, now);
  item.description = [
    builderStateLabel(b.state),
    b.instanceType,
    b.platform,
    longRun ? vscode.l10n.t('running for more than a day') : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
  item.iconPath = stateIcon(b.state);
  const md = new vscode.MarkdownString(builderTooltip(b, now));
  // Names, descriptions and AWS's messages are untrusted: escaped, and the tooltip can run nothing.
  md.isTrusted = false;
  md.supportHtml = false;
  md.supportThemeIcons = false;
  item.tooltip = md;
  item.contextValue = builderContextValue(b);
  item.accessibilityInformation = { label: `${b.name}, ${String(item.description)}` };
  return item;
}

/** The tooltip's Markdown: every value from AWS goes through escapeMarkdown. */
export function builderTooltip(b: BuilderRecord, now = Date.now()): string {
  const agent =
    b.agentVersion &&
    (b.latestAgent === false
      ? vscode.l10n.t('{0} (a newer agent is available)', b.agentVersion)
      : b.latestAgent
        ? vscode.l10n.t('{0} (latest)', b.agentVersion)
        : b.agentVersion);
  const rows: [string, string | undefined][] = [
    [vscode.l10n.t('Display name'), b.displayName],
    [vscode.l10n.t('Instance type'), b.instanceType],
    [vscode.l10n.t('Platform'), b.platform],
    [vscode.l10n.t('Source image'), b.imageArn],
    [vscode.l10n.t('Agent version'), agent],
    [vscode.l10n.t('Created'), b.created && b.created.toISOString().replace('T', ' ').slice(0, 16) + ' UTC'],
    [vscode.l10n.t('Description'), b.description],
    [vscode.l10n.t('State reason'), b.stateReason],
    ...b.errors.map((e): [string, string] => [
      vscode.l10n.t('Error'),
      `${[e.code, e.message].filter(Boolean).join(': ')}${e.time ? ` (${e.time.toISOString().replace('T', ' ').slice(0, 16)} UTC)` : ''}`,
    ]),
    [vscode.l10n.t('Profile'), b.profile],
  ];
  const lines = [`**${escapeMarkdown(b.name)}** — ${escapeMarkdown(builderStateLabel(b.state))}`, ''];
  if (runningTooLong(b, now)) {
    lines.push(`${escapeMarkdown(vscode.l10n.t('Running for more than a day (billed by the hour).'))}  `);
  }
  for (const [k, v] of rows) if (v) lines.push(`${escapeMarkdown(k)}: ${escapeMarkdown(v)}  `);
  return lines.join('\n');
}
