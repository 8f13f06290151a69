// The health report as a Markdown document (a summary per account and region, then one row per image), and as
// CSV and JSON. Every text from AWS or the files (names, platforms, AWS's messages, profile names) goes through
// escapeMarkdown in the Markdown and csvField in the CSV; the JSON stays exact.

import { csvField } from './exportImages';
import { HEALTH_KINDS, HEALTH_LABELS, type HealthReason } from './health';
import { SERVICE_LABELS, type ImageRecord } from './image';
import { stateLabel } from './imageState';
import { escapeMarkdown } from './markdown';
import { NEAR_END_MONTHS, PLATFORM_SUPPORT } from './platformSupport';

export interface HealthRow {
  readonly image: ImageRecord;
  /** The account the image's profile signs in as, where known. */
  readonly account?: string;
  readonly reasons: readonly HealthReason[];
}

/** One profile in one region that the report covers. */
export interface HealthPlace {
  readonly profile: string;
  readonly account?: string;
  readonly region: string;
}

export interface HealthReport {
  readonly at: number;
  readonly maxAgeDays: number;
  readonly places: readonly HealthPlace[];
  readonly rows: readonly HealthRow[];
  /** What could not be read, in words: the report is incomplete there. */
  readonly gaps: readonly string[];
}

/** Untrusted text in a table cell: one line, escaped (a pipe, backtick or tag is shown as written). */
export function cell(text: string): string {
  return escapeMarkdown(text.replace(/\r\n?|[\n\u000B\u000C\u0085\u2028\u2029]/g, ' '));
}

/** The profile (from the user's files) and account (from AWS), escaped; the rest of a row is our own words. */
const who = (p: { profile: string; account?: string }): string =>
  p.account ? `${cell(p.profile)} (${cell(p.account)})` : cell(p.profile);

const placeKey = (p: { profile: string; region: string }): string => `${p.profile}\n${p.region}`;

function sortRows(rows: readonly HealthRow[]): HealthRow[] {
  const key = (r: HealthRow): string => [r.image.profile, r.image.region, r.image.service, r.image.name].join('\n');
  return [...rows].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const utc = (ms: number): string => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export function healthMarkdown(report: HealthReport): string {
  const rows = sortRows(report.rows);
  const attention = rows.filter((r) => r.reasons.length);
  const lines: string[] = [
    '# Image health report',
    '',
    `As of ${utc(report.at)}: ${rows.length} owned images in ${report.places.length} profile and region pairs; ` +
      `${attention.length} need attention.`,
    '',
    `Reasons: older than ${report.maxAgeDays} days; agent not the latest; update available; not used by any ` +
      `fleet, image builder or bundle; platform support ended or ends within ${NEAR_END_MONTHS} months; failed; ` +
      'shared with accounts that no configured profile signs in as.',
    '',
    '## Summary',
    '',
    `| Profile (account) | Region | Images | Need attention | ${HEALTH_KINDS.map((k) => HEALTH_LABELS[k]).join(' | ')} |`,
    `|---|---|--:|--:|${HEALTH_KINDS.map(() => '--:|').join('')}`,
  ];
  const places = [...report.places].sort((a, b) => (placeKey(a) < placeKey(b) ? -1 : 1));
  for (const p of places) {
    const here = rows.filter((r) => placeKey(r.image) === placeKey(p));
    const counts = HEALTH_KINDS.map((k) => here.filter((r) => r.reasons.some((x) => x.kind === k)).length);
    lines.push(
      `| ${who(p)} | ${p.region} | ${here.length} | ${here.filter((r) => r.reasons.length).length} | ${counts.join(' | ')} |`,
    );
  }
  lines.push('', '## Images', '');
  if (!rows.length) lines.push('No owned images.');
  else {
    lines.push(
      '| Profile (account) | Region | Service | Image | State | Platform | Why |',
      '|---|---|---|---|---|---|---|',
    );
    for (const r of rows) {
      const i = r.image;
      const name = i.id !== i.name ? `${i.name} (${i.id})` : i.name;
      // Known region codes and our labels as they are; names, platforms and reasons (AWS's messages) escaped.
      const why = r.reasons.length
        ? r.reasons.map((x) => `${HEALTH_LABELS[x.kind]}: ${cell(x.text)}`).join('; ')
        : 'Fine';
      lines.push(
        `| ${who({ profile: i.profile, account: r.account })} | ${i.region} | ${SERVICE_LABELS[i.service]} | ` +
          `${cell(name)} | ${cell(stateLabel(i.state))} | ${cell(i.platform ?? '')} | ${why} |`,
      );
    }
  }
  if (report.gaps.length) {
    lines.push('', '## Not read', '', ...report.gaps.map((g) => `- ${cell(g)}`));
  }
  lines.push('', '## End of support dates', '', '| Platform | Last day of support | Source |', '|---|---|---|');
  for (const p of PLATFORM_SUPPORT) lines.push(`| ${p.name} | ${p.endOfSupport} | [${p.source}](${p.url}) |`);
  return lines.join('\n') + '\n';
}

export const HEALTH_COLUMNS = [
  'profile',
  'account',
  'region',
  'service',
  'name',
  'id',
  'state',
  'platform',
  'created',
  ...HEALTH_KINDS,
] as const;

type HealthCsvRow = Record<(typeof HEALTH_COLUMNS)[number], string>;

function base(r: HealthRow) {
  const i = r.image;
  return {
    profile: i.profile,
    account: r.account ?? '',
    region: i.region,
    service: SERVICE_LABELS[i.service],
    name: i.name,
    id: i.id,
    state: i.state,
    platform: i.platform ?? '',
    created: i.created?.toISOString() ?? '',
  };
}

function flat(r: HealthRow): HealthCsvRow {
  const reason = Object.fromEntries(
    HEALTH_KINDS.map((k) => [k, r.reasons.find((x) => x.kind === k)?.text ?? '']),
  ) as Record<(typeof HEALTH_KINDS)[number], string>;
  return { ...base(r), ...reason };
}

/** One line per image; a reason's column holds its words, empty when it does not apply. */
export function healthCsv(report: HealthReport): string {
  const rows = sortRows(report.rows).map(flat);
  return (
    [HEALTH_COLUMNS.join(','), ...rows.map((row) => HEALTH_COLUMNS.map((c) => csvField(row[c])).join(','))].join('\n') +
    '\n'
  );
}

export function healthJson(report: HealthReport): string {
  const images = sortRows(report.rows).map((r) => ({
    ...base(r),
    reasons: r.reasons.map((x) => ({ kind: x.kind, text: x.text })),
  }));
  return (
    JSON.stringify(
      { at: new Date(report.at).toISOString(), maxAgeDays: report.maxAgeDays, images, gaps: report.gaps },
      null,
      2,
    ) + '\n'
  );
}
