// How an image reads in the tree: description, Markdown tooltip, and the contextValue that menus match.

import { SERVICE_FULL_NAMES, type ImageRecord } from './image';
import { stateKind, stateLabel } from './imageState';
import { escapeMarkdown } from './markdown';
import { partitionOf } from './regions';

export function formatDate(d: Date | undefined): string {
  return d ? d.toISOString().slice(0, 10) : '';
}

/** "Available · 2026-10-02" */
export function imageDescription(r: ImageRecord): string {
  return [stateLabel(r.state), formatDate(r.created)].filter(Boolean).join(' · ');
}

/**
 * `image.<service>.<ownership>.<stateKind>`, e.g. `image.appstream.owned.available`, with `.update` after it when
 * AWS offers an update for the image. Menus offer copy only on owned+available images, delete only on owned
 * available/failed ones, and "Create Updated Image" only on owned+available ones with `.update`.
 */
export function imageContextValue(r: ImageRecord): string {
  return `image.${r.service}.${r.ownership}.${stateKind(r.state)}${hasUpdate(r) ? '.update' : ''}`;
}

/** AWS offers an update for the image (AppStream: not the latest agent; WorkSpaces: `Updates.UpdateAvailable`). */
export function hasUpdate(r: Pick<ImageRecord, 'update'>): boolean {
  return r.update?.available === true;
}

function dateTime(d: Date | undefined): string | undefined {
  return d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : undefined;
}

/**
 * Lines of a Markdown tooltip: the details a user checks first (and what uses the image, when known). Every
 * value is untrusted text (an image can come from any account) and goes through escapeMarkdown.
 */
export function imageTooltip(r: ImageRecord, usedBy?: string): string {
  const rows: [string, string | undefined][] =
    r.service === 'appstream'
      ? [
          ['ARN', r.arn],
          ['Display name', r.displayName],
          ['Platform', r.platform],
          ['Visibility', r.visibility],
          ['Created', dateTime(r.created)],
          ['Agent version', r.agentVersion && `${r.agentVersion}${r.agentLatest ? ' (latest)' : ''}`],
          ['Updates', hasUpdate(r) ? (r.update?.description ?? 'Available') : undefined],
          ['Description', r.description],
        ]
      : [
          ['Image ID', r.id],
          ['Operating system', r.platform],
          ['Owner account', r.ownerAccountId],
          ['Tenancy', r.tenancy],
          ['Created', dateTime(r.created)],
          ['Updates', hasUpdate(r) ? (r.update?.description ?? 'Available') : undefined],
          ['Description', r.description],
        ];
  rows.push(...r.reasons.map((x): [string, string] => [x.label, x.text]));
  rows.push(['Used by', usedBy], ['Service', SERVICE_FULL_NAMES[r.service]], ['Profile', r.profile]);
  const lines = [`**${escapeMarkdown(r.name)}** — ${escapeMarkdown(stateLabel(r.state))}`, ''];
  for (const [k, v] of rows) if (v) lines.push(`${k}: ${escapeMarkdown(v)}  `);
  return lines.join('\n');
}

/** The AWS console page for the image, in its partition's console. */
export function consoleUrl(r: Pick<ImageRecord, 'service' | 'region' | 'id' | 'name'>): string {
  const host = {
    aws: 'console.aws.amazon.com',
    'aws-us-gov': 'console.amazonaws-us-gov.com',
    'aws-cn': 'console.amazonaws.cn',
  }[partitionOf(r.region)];
  const region = encodeURIComponent(r.region);
  if (r.service === 'appstream') {
    return `https://${region}.${host}/appstream2/home?region=${region}#/images?imageName=${encodeURIComponent(r.name)}`;
  }
  return `https://${region}.${host}/workspaces/home?region=${region}#images:search=${encodeURIComponent(r.id)}`;
}

/** Why an image is in its state, in words (state reason, image errors, WorkSpaces error details). */
export function stateReason(r: Pick<ImageRecord, 'reasons'>): string | undefined {
  return r.reasons.length ? r.reasons.map((x) => x.text).join('; ') : undefined;
}
