// Reading the tree as a user sees it: the TreeItems the real provider hands to the workbench.
import * as vscode from 'vscode';
import type { CloudImagesApi } from '../../src/extension';
import type { Node } from '../../src/tree/nodes';
import { ScriptedPrompts, type Answer } from '../support/prompts';

export interface Row {
  node: Node;
  label: string;
  description?: string;
  contextValue?: string;
  tooltip?: string;
  icon?: string;
  command?: string;
}

export async function rows(a: CloudImagesApi, parent?: Node): Promise<Row[]> {
  const children = await a.ctx.tree.getChildren(parent);
  return children.map((node) => {
    const item = a.ctx.tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    // An owned image's tooltip is resolved on hover, when its tags are read (tags.test.ts hovers for real): here
    // it is the rest of that tooltip, read without sending anything.
    const md = item.tooltip ?? (node.kind === 'image' ? a.ctx.tree.baseTooltip(node) : undefined);
    // Markdown escapes removed: the text as the hover shows it.
    const tooltip = md instanceof vscode.MarkdownString ? md.value.replace(/\\(.)/g, '$1') : md;
    return {
      node,
      label,
      description: typeof item.description === 'string' ? item.description : undefined,
      contextValue: item.contextValue,
      tooltip,
      icon: item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined,
      command: item.command?.command,
    };
  });
}

/** Follows labels from the root: path(a, 'US East (N. Virginia) us-east-1', 'AppStream 2.0', 'Private'). */
export async function find(a: CloudImagesApi, ...labels: string[]): Promise<Row> {
  let parent: Node | undefined;
  let row: Row | undefined;
  for (const label of labels) {
    const level = await rows(a, parent);
    row = level.find((r) => r.label === label);
    if (!row) throw new Error(`no row "${label}" among ${JSON.stringify(level.map((r) => r.label))}`);
    parent = row.node;
  }
  return row!;
}

export const US_EAST = 'US East (N. Virginia) us-east-1';
export const US_WEST = 'US West (Oregon) us-west-2';
export const EU_WEST = 'Europe (Ireland) eu-west-1';
export const AS = 'AppStream 2.0';
export const WS = 'WorkSpaces';

/** The answers the next command's questions get, as a user would give them. */
export function answer(a: CloudImagesApi, answers: Answer[]): ScriptedPrompts {
  const p = new ScriptedPrompts(answers);
  a.ctx.prompts = p;
  return p;
}

export async function imageRow(
  a: CloudImagesApi,
  region: string,
  service: string,
  type: string,
  name: string,
): Promise<Row> {
  const list = await rows(a, (await find(a, region, service, type)).node);
  const row = list.find((r) => r.label === name);
  if (!row) throw new Error(`${name} not listed`);
  return row;
}
