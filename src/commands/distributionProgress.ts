// "Show Distribution Progress" (and a click on its status-bar item): every region of every distribution with
// the step it is at and every step marked done (✓), failed (✗) or to come (·). Choosing a failed region shows
// AWS's reason and offers Retry Step (only that step, only that region); a done one reveals its image. Show Copy
// Progress lists the same rows below the copies.
import { t } from '../platform/l10n';
import {
  destinationLabel,
  isFinished,
  stepLabel,
  stepsOf,
  type Destination,
  type Distribution,
} from '../core/distribution';
import type { Choice } from '../platform/prompts';
import type { CommandContext } from './context';
import { warn } from './run';
import { namePending } from './guards';
import { revealImage } from './reveal';

export type DestinationChoice = { d: Distribution; dest: Destination };
type Row = DestinationChoice | 'clear';

const icon = (dest: Destination): string =>
  dest.failed ? '$(error)' : dest.tagsFailed ? '$(warning)' : dest.phase === 'done' ? '$(pass)' : '$(sync~spin)';

/** One row per region of every distribution, newest first: the step it is at and every step with its mark. */
export function destinationItems(all: readonly Distribution[]): Choice<DestinationChoice>[] {
  return [...all]
    .sort((a, b) => b.startedAt - a.startedAt)
    .flatMap((d) =>
      d.destinations.map((dest) => ({
        label: `${icon(dest)} ${d.name} → ${dest.region}${dest.isSource ? ` (${t('source')})` : ''}`,
        description: destinationLabel(d, dest),
        detail: [
          stepsOf(d, dest)
            .map((s) => `${s.mark} ${s.label}`)
            .join('  '),
          dest.failed?.reason ?? dest.tagsFailed ?? dest.waiting,
        ]
          .filter(Boolean)
          .join(' — '),
        value: { d, dest },
      })),
    );
}

export async function showDistributionProgress(ctx: CommandContext): Promise<void> {
  const all = ctx.distributor.all();
  if (!all.length) {
    void ctx.prompts.notify('info', t('No distributions are tracked. Start one with "Distribute Image…".'));
    return;
  }
  const items: Choice<Row>[] = destinationItems(all);
  if (all.some(isFinished)) {
    items.push({ label: `$(clear-all) ${t('Clear finished')}`, value: 'clear', alwaysShow: true });
  }
  ctx.distributor.acknowledge(all);
  const choice = await ctx.prompts.pick(items, { title: t('Image Distributions') });
  if (choice === undefined) return;
  if (choice === 'clear') return ctx.distributor.clearFinished();
  await openDestination(ctx, choice);
}

/** A failed region (or one whose tags could not be applied): why, and Retry Step (that step, that region only); a done one: its image. */
export async function openDestination(ctx: CommandContext, { d, dest }: DestinationChoice): Promise<void> {
  if (dest.failed || dest.tagsFailed) {
    const retry = t('Retry Step');
    const chosen = await ctx.prompts.choose(
      dest.failed
        ? t('{0} failed in {1} at {2}.', d.name, dest.region, stepLabel(dest.failed.step))
        : t('{0} is in {1}, but its tags could not be applied.', d.name, dest.region),
      dest.failed?.reason ?? dest.tagsFailed ?? '',
      [retry],
    );
    if (chosen !== retry) return;
    if (dest.failed?.step === 'copy' && namePending(ctx, d, d.name).has(dest.region)) {
      warn(
        ctx,
        t(
          'An image named {0} is being made in {1} by a copy or distribution in progress. Retry Step once it has ended. Nothing was sent.',
          d.name,
          dest.region,
        ),
      );
      return;
    }
    const { nameHeldBy } = await ctx.distributor.retry(d.id, dest.region);
    if (nameHeldBy) {
      const which = nameHeldBy === d.name ? d.name : `${d.name} (${nameHeldBy})`;
      warn(
        ctx,
        t(
          '{0} still has an image named {1}, so AWS would refuse the copy. Delete it (or wait until its deletion ends), then Retry Step. Nothing was sent.',
          dest.region,
          which,
        ),
      );
    }
    return;
  }
  if (dest.phase === 'done') {
    await revealImage(ctx, {
      ref: { profile: d.profile, service: d.service, region: dest.region, id: dest.imageId ?? d.name },
      ownership: 'owned',
      name: d.name,
    });
  }
}
