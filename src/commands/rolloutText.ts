// The words of a roll-out: each fleet or bundle in the pick, and the confirmation that says what AWS does to each
// (as AWS documents UpdateFleet and UpdateWorkspaceBundle) and that the old image stays. Pure: unit-tested.
import { t } from '../platform/l10n';
import { fleetEffect, fleetStateLabel, fleetTypeLabel, type BundleRecord, type FleetRecord } from '../core/rollout';

/** "Always-On · Running · 2 of 2 running · on Kiosk-2026-10" */
export function fleetPickDescription(f: FleetRecord): string {
  const capacity =
    f.running !== undefined
      ? f.desired !== undefined
        ? t('{0} of {1} running', f.running, f.desired)
        : t('{0} running', f.running)
      : undefined;
  const image = f.imageName ?? f.imageArn;
  return [fleetTypeLabel(f.type), fleetStateLabel(f.state), capacity, image ? t('on {0}', image) : t('no image')]
    .filter(Boolean)
    .join(' · ');
}

/** What happens to one fleet when it is given `image`, in one line. */
export function fleetEffectLine(f: FleetRecord, image: string): string {
  const from = f.imageName ?? f.imageArn ?? t('no image');
  switch (fleetEffect(f.state)) {
    case 'replaced':
      return t(
        '{0} ({1}, running): {2} → {3}. New sessions start on {3}; instances on {2} are replaced as their sessions end (no session is ended).',
        f.name,
        fleetTypeLabel(f.type),
        from,
        image,
      );
    case 'on-start':
      return t(
        '{0} ({1}, stopped): {2} → {3}. It uses {3} when it is next started.',
        f.name,
        fleetTypeLabel(f.type),
        from,
        image,
      );
    case 'busy':
      return t(
        '{0} ({1}, {2}): AWS refuses changes while a fleet starts or stops; it will likely answer that the fleet is busy.',
        f.name,
        fleetTypeLabel(f.type),
        fleetStateLabel(f.state).toLowerCase(),
      );
  }
}

/** The confirmation of a roll-out to fleets: the question, and per fleet what happens. */
export function fleetConfirmation(
  image: string,
  region: string,
  fleets: readonly FleetRecord[],
): { message: string; detail: string; action: string } {
  const olds = [...new Set(fleets.map((f) => f.imageName ?? f.imageArn).filter((x): x is string => !!x))];
  const lines = fleets.map((f) => `• ${fleetEffectLine(f, image)}`);
  const keep = olds.length ? t('{0} stays as it is: no image is deleted.', olds.join(', ')) : t('No image is deleted.');
  return {
    message:
      fleets.length === 1
        ? t('Give fleet {0} the image {1} in {2}?', fleets[0].name, image, region)
        : t('Give {0} fleets the image {1} in {2}?', fleets.length, image, region),
    detail: [...lines, '', keep, t('One UpdateFleet is sent per fleet.')].join('\n'),
    action: fleets.length === 1 ? t('Change Image') : t('Change {0} Fleets', fleets.length),
  };
}

/** "Kiosk desktop (wsb-…) · on wsi-…" */
export function bundlePickDescription(b: BundleRecord): string {
  return [b.id, b.imageId ? t('on {0}', b.imageId) : t('no image'), b.state].filter(Boolean).join(' · ');
}

/** The confirmation of a roll-out to bundles: new WorkSpaces get the image, existing ones only when rebuilt. */
export function bundleConfirmation(
  image: { name: string; id: string },
  region: string,
  bundles: readonly BundleRecord[],
): { message: string; detail: string; action: string } {
  const lines = bundles.map(
    (b) => `• ${t('{0} ({1}): {2} → {3}', b.name, b.id, b.imageId ?? t('no image'), image.id)}`,
  );
  return {
    message:
      bundles.length === 1
        ? t('Give bundle {0} the image {1} in {2}?', bundles[0].name, image.name, region)
        : t('Give {0} bundles the image {1} in {2}?', bundles.length, image.name, region),
    detail: [
      ...lines,
      '',
      t(
        'New WorkSpaces launched from these bundles get {0}. Existing WorkSpaces keep their image until they are rebuilt.',
        image.name,
      ),
      t('The old images stay as they are: no image is deleted.'),
    ].join('\n'),
    action: bundles.length === 1 ? t('Change Bundle') : t('Change {0} Bundles', bundles.length),
  };
}
