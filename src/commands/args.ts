// Commands run from a tree row get its node (and, with multi-select, all selected nodes); from the palette
// they get nothing and ask.
import type { ImageRecord } from '../core/image';
import type { ImageNode, Node, ProfileNode, TypeNode } from '../tree/nodes';
import type { BuildersNode } from '../tree/builders';
import type { ExportsNode, ExportTaskNode } from '../tree/exports';

export function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && 'kind' in x && 'id' in x;
}

export function imageNodeArg(arg: unknown): ImageNode | undefined {
  return isNode(arg) && arg.kind === 'image' ? arg : undefined;
}

export function typeNodeArg(arg: unknown): TypeNode | undefined {
  if (!isNode(arg)) return undefined;
  if (arg.kind === 'type') return arg;
  if ((arg.kind === 'loadMore' || arg.kind === 'message') && arg.parent?.kind === 'type') return arg.parent;
  return undefined;
}

/** The "Image Builders" row, from itself or one of its Load more / error / empty rows. */
export function buildersNodeArg(arg: unknown): BuildersNode | undefined {
  if (!isNode(arg)) return undefined;
  if (arg.kind === 'builders') return arg;
  if ((arg.kind === 'loadMore' || arg.kind === 'message') && arg.parent?.kind === 'builders') return arg.parent;
  return undefined;
}

export function profileNodeArg(arg: unknown): ProfileNode | undefined {
  return isNode(arg) && arg.kind === 'profile' ? arg : undefined;
}

/** The images a multi-select command applies to: the selection when the clicked row is part of it. */
export function selectedImages(arg: unknown, all: unknown): ImageRecord[] {
  const clicked = imageNodeArg(arg);
  if (!clicked) return [];
  const many = Array.isArray(all) ? all.map(imageNodeArg).filter((n): n is ImageNode => !!n) : [];
  return (many.some((n) => n.id === clicked.id) ? many : [clicked]).map((n) => n.record);
}

/** The "Exports to AMI" row, from itself or one of its Load more / error / empty rows. */
export function exportsNodeArg(arg: unknown): ExportsNode | undefined {
  if (!isNode(arg)) return undefined;
  if (arg.kind === 'exports') return arg;
  if ((arg.kind === 'loadMore' || arg.kind === 'message') && arg.parent?.kind === 'exports') return arg.parent;
  return undefined;
}

export function exportTaskNodeArg(arg: unknown): ExportTaskNode | undefined {
  return isNode(arg) && arg.kind === 'exportTask' ? arg : undefined;
}
