// How an image reads in the tree: description, Markdown tooltip, and the contextValue that menus match.

import type { ImageRecord } from './image';
import { stateKind, stateLabel } from './imageState';
import { partitionOf } from './regions';

export function formatDate(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 10) : '';
}

/** "Available · 2026-10-02" */
export function imageDescription(r: ImageRecord): string {
  return [stateLabel(r.state), formatDate(r.created)].filter(Boolean).join(' · ');
}

/**
 * `image.<service>.<ownership>.<stateKind>`, e.g. `image.appstream.owned.available`. Menus offer copy only on
 * owned+available images and delete only on owned available/failed ones.
 */
export function imageContextValue(r: ImageRecord): string {
  return `image.${r.service}.${r.ownership}.${stateKind(r.state)}`;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

function epochToDate(v: unknown): string | undefined {
  if (typeof v === 'number') return new Date(v * 1000).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  if (v instanceof Date) return v.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return undefined;
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Lines of a Markdown tooltip: the details a user checks first. */
export function imageTooltip(r: ImageRecord): string {
  const raw = r.raw as Record<string, unknown>;
  const rows: [string, string | undefined][] = [];
  if (r.service === 'appstream') {
    rows.push(
      ['ARN', r.arn],
      ['Display name', str(raw.DisplayName)],
      ['Platform', str(raw.Platform)],
      ['Visibility', str(raw.Visibility)],
      ['Created', epochToDate(raw.CreatedTime)],
      ['Agent version', str(raw.AppstreamAgentVersion) && `${raw.AppstreamAgentVersion}${raw.LatestAppstreamAgentVersion === 'TRUE' ? ' (latest)' : ''}`],
      ['Description', str(raw.Description)],
    );
  } else {
    const os = raw.OperatingSystem as { Type?: string } | undefined;
    const updates = raw.Updates as { UpdateAvailable?: boolean; Description?: string } | undefined;
    rows.push(
      ['Image ID', r.id],
      ['Operating system', os?.Type],
      ['Owner account', str(raw.OwnerAccountId)],
      ['Tenancy', str(raw.RequiredTenancy)],
      ['Created', epochToDate(raw.Created)],
      ['Updates', updates?.UpdateAvailable ? (updates.Description ?? 'Available') : undefined],
      ['Description', str(raw.Description)],
    );
  }
  rows.push(...reasonRows(raw));
  const lines = [`**${escapeMd(r.name)}** — ${escapeMd(stateLabel(r.state))}`, ''];
  for (const [k, v] of rows) if (v) lines.push(`${k}: ${escapeMd(v)}  `);
  return lines.join('\n');
}

/** The AWS console page for the image, in its partition's console. */
export function consoleUrl(r: Pick<ImageRecord, 'service' | 'region' | 'id' | 'name'>): string {
  const host = { aws: 'console.aws.amazon.com', 'aws-us-gov': 'console.amazonaws-us-gov.com', 'aws-cn': 'console.amazonaws.cn' }[partitionOf(r.region)];
  const region = encodeURIComponent(r.region);
  if (r.service === 'appstream') {
    return `https://${region}.${host}/appstream2/home?region=${region}#/images?imageName=${encodeURIComponent(r.name)}`;
  }
  return `https://${region}.${host}/workspaces/home?region=${region}#images:search=${encodeURIComponent(r.id)}`;
}

/** Why an image is in its state, in words (state reason, image errors, WorkSpaces error details). */
export function stateReason(r: Pick<ImageRecord, 'raw'>): string | undefined {
  const parts = reasonRows(r.raw as Record<string, unknown>).map(([, text]) => text);
  return parts.length ? parts.join('; ') : undefined;
}

type CodeAndMessage = { ErrorCode?: string; ErrorMessage?: string };
const joined = (...parts: (string | undefined)[]): string => parts.filter(Boolean).join(': ');

/** Labelled reasons and errors, from whichever of the services' members the record has. */
function reasonRows(raw: Record<string, unknown>): [string, string][] {
  const rows: [string, string][] = [];
  const reason = raw.StateChangeReason as { Code?: string; Message?: string } | undefined;
  if (reason?.Code || reason?.Message) rows.push(['State reason', joined(reason.Code, reason.Message)]);
  for (const e of (raw.ImageErrors as CodeAndMessage[] | undefined) ?? []) rows.push(['Error', joined(e.ErrorCode, e.ErrorMessage)]);
  if (raw.ErrorCode || raw.ErrorMessage) rows.push(['Error', joined(str(raw.ErrorCode), str(raw.ErrorMessage))]);
  for (const e of (raw.ErrorDetails as CodeAndMessage[] | undefined) ?? []) rows.push(['Error detail', joined(e.ErrorCode, e.ErrorMessage)]);
  return rows;
}
