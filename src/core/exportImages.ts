// "Export Images…": loaded images as CSV or JSON, one row each, with the fields an administrator compares
// across accounts (so the file can be saved or diffed).
import { listTypeOf, SERVICE_LABELS, type ImageRecord } from './image';

export const EXPORT_COLUMNS = [
  'profile',
  'account',
  'region',
  'service',
  'listType',
  'name',
  'id',
  'state',
  'platform',
  'created',
  'owner',
  'sharedWithOthers',
  'agentVersion',
  'update',
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string>;

export function exportRow(r: ImageRecord, account: string | undefined): ExportRow {
  return {
    profile: r.profile,
    account: account ?? '',
    region: r.region,
    service: SERVICE_LABELS[r.service],
    listType: listTypeOf(r),
    name: r.name,
    id: r.id,
    state: r.state,
    platform: r.platform ?? '',
    created: r.created?.toISOString() ?? '',
    owner: r.ownerAccountId ?? '',
    sharedWithOthers: r.sharedWithOthers === undefined ? '' : String(r.sharedWithOthers),
    agentVersion: r.agentVersion ? `${r.agentVersion}${r.agentLatest ? ' (latest)' : ''}` : '',
    update: r.update?.available ? (r.update.description ?? 'available') : '',
  };
}

/**
 * RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled. A cell a spreadsheet would
 * read as a formula (starting with =, +, -, @, tab or carriage return: a name or description from any account
 * could be `=HYPERLINK(...)`) gets a leading `'`, so it is shown as text. CSV only: the JSON export stays exact.
 */
export function csvField(v: string): string {
  const cell = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(rows: readonly ExportRow[]): string {
  return (
    [EXPORT_COLUMNS.join(','), ...rows.map((row) => EXPORT_COLUMNS.map((c) => csvField(row[c])).join(','))].join('\n') +
    '\n'
  );
}

export function toJson(rows: readonly ExportRow[]): string {
  return JSON.stringify(rows, null, 2) + '\n';
}
