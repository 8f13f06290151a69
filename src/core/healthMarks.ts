// The reasons of the last health report, kept per image so its row can show a mark. A mark belongs to the
// image as it was seen: once the image changes (a new listing shows another state, agent, update or
// platform), its row shows no mark until the report runs again.

import { Keys, type ImageRef } from './imageRef';
import { HEALTH_LABELS, type HealthReason } from './health';
import { escapeMarkdown } from './markdown';
import type { ImageRecord } from './image';

/** What the reasons of a report were drawn from, on the image itself. */
function fingerprint(r: ImageRecord): string {
  return JSON.stringify([
    r.state,
    r.created?.getTime(),
    r.platform,
    r.agentVersion,
    r.agentLatest,
    r.update?.available,
    r.sharedWithOthers,
  ]);
}

const key = (r: ImageRef): string => Keys.job(r);

export class HealthMarks {
  private marks = new Map<string, { fingerprint: string; reasons: readonly HealthReason[] }>();

  /** Replaces every mark with those of a report (images with no reason get none). */
  set(rows: readonly { image: ImageRecord; reasons: readonly HealthReason[] }[]): void {
    this.marks = new Map(
      rows
        .filter((r) => r.reasons.length)
        .map((r) => [key(r.image), { fingerprint: fingerprint(r.image), reasons: r.reasons }]),
    );
  }

  /** The image's reasons from the last report, while the image is as the report saw it. */
  of(image: ImageRecord): readonly HealthReason[] | undefined {
    const mark = this.marks.get(key(image));
    return mark && mark.fingerprint === fingerprint(image) ? mark.reasons : undefined;
  }

  get size(): number {
    return this.marks.size;
  }

  clear(): void {
    this.marks = new Map();
  }
}

/** The tooltip's part for a marked row: each reason in words, escaped (AWS's messages are in them). */
export function markTooltip(reasons: readonly HealthReason[]): string {
  return (
    '\n\n**Health report**  \n' +
    reasons.map((x) => `${escapeMarkdown(HEALTH_LABELS[x.kind])}: ${escapeMarkdown(x.text)}`).join('  \n')
  );
}
