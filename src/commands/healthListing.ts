// What the health report reads, per profile and region, every region at once: each service's owned list (from
// memory where the tree or Find read it lately, else every page, kept for Find), what uses the region's images
// (the usage index: one listing per region and service, shared with "Used by") and, for owned images that are
// or may be shared, the accounts they are shared with (one request per image: AppStream only for those the
// listing says are shared; WorkSpaces says it only when asked).
import { toFailure } from '../aws/errors';
import { healthOf } from '../core/health';
import type { HealthPlace, HealthReport, HealthRow } from '../core/healthReport';
import { ownedList, SERVICE_LABELS, type ImageRecord } from '../core/image';
import { Keys } from '../core/imageRef';
import { stateKind } from '../core/imageState';
import { runLimited } from '../core/limiter';
import { servicesIn, type ServiceId } from '../core/regions';
import { SERVICES_CAN } from '../core/services';
import type { ImageUser } from '../core/usage';
import type { CommandContext } from './context';
import { cachedList } from './findImage';

const PAGE = 25;

interface Listed {
  readonly images: ImageRecord[];
  readonly users?: readonly ImageUser[];
}

/** Whether the accounts an owned image is shared with are worth a request. */
function mayBeShared(r: ImageRecord): boolean {
  if (SERVICES_CAN[r.service].sharingInListings) return !!r.sharedWithOthers;
  return stateKind(r.state) === 'available';
}

export async function gatherHealth(
  ctx: CommandContext,
  places: readonly { profile: string; region: string }[],
  maxAgeDays: number,
  signal: AbortSignal,
  now: () => number = Date.now,
): Promise<HealthReport> {
  const gaps: string[] = [];
  const gap = (profile: string, region: string, what: string, e: unknown): void => {
    const message = toFailure(e, { profile, region }).message;
    gaps.push(`${profile} · ${region} · ${what}: ${message}`);
    ctx.log.warn(`Image Health Report: ${profile} ${region} ${what}: ${message}`);
  };
  const listed = new Map<string, Listed>();
  // A refused permissions request is said once per list (with how many images), not once per image.
  const sharingFailed = new Map<string, { profile: string; region: string; what: string; e: unknown; n: number }>();
  const shared = new Map<ImageRecord, string[]>();

  /** The accounts one owned image is shared with (one request a page). */
  const sharing = (image: ImageRecord) => ({
    group: `${image.profile}/${image.region}/${image.service}`,
    run: async () => {
      if (signal.aborted) return;
      try {
        const accounts = await ctx.scope.session(image.profile).api.sharedAccounts(image, signal);
        shared.set(
          image,
          accounts.map((a) => a.accountId),
        );
      } catch (e) {
        if (signal.aborted) return;
        const k = `${image.profile}/${image.region}/${image.service}`;
        const was = sharingFailed.get(k);
        if (was) was.n++;
        else {
          sharingFailed.set(k, {
            profile: image.profile,
            region: image.region,
            what: SERVICE_LABELS[image.service],
            e,
            n: 1,
          });
        }
      }
    },
  });

  // Each list's sharing is asked as soon as the list is read (not after every list): the slowest region sets
  // the time, not the sum of two phases.
  const listTasks = places.flatMap(({ profile, region }) =>
    servicesIn(region).map((service: ServiceId) => ({
      group: `${profile}/${region}`,
      run: async () => {
        const key = ownedList({ profile, region, service });
        const what = SERVICE_LABELS[service];
        // Unread (a gap in the report): no image of the list is called unused.
        const usersP = ctx.usage
          .users({ profile, region, service })
          .catch((e: unknown) => void gap(profile, region, `what uses ${what} images`, e));
        let images = cachedList(ctx, key)?.items;
        if (!images) {
          try {
            const all: ImageRecord[] = [];
            for await (const page of ctx.scope.session(profile).api.pages(key, PAGE, signal)) all.push(...page);
            ctx.searchCache.put(Keys.list(key), all);
            images = all;
          } catch (e) {
            if (!signal.aborted) gap(profile, region, `${what} images`, e);
          }
        }
        const owned = (images ?? []).filter((r) => r.ownership === 'owned');
        await runLimited(owned.filter(mayBeShared).map(sharing));
        const users = await usersP;
        if (images) listed.set(Keys.list(key), { images: owned, users });
      },
    })),
  );
  await runLimited(listTasks);
  for (const f of sharingFailed.values()) {
    gap(f.profile, f.region, `the accounts ${f.n} ${f.what} ${f.n === 1 ? 'image is' : 'images are'} shared with`, f.e);
  }

  // The listings taught the profiles' accounts: an account is known when some profile signs in as it (or the
  // files name it: an SSO profile's account).
  const named = (await ctx.scope.view()).profiles.flatMap((p) => (p.accountId ? [p.accountId] : []));
  const knownAccounts = new Set([
    ...named,
    ...[...shared.values()].flat().filter((a) => ctx.scope.profileOfAccount(a) !== undefined),
  ]);
  const at = now();
  const rows: HealthRow[] = [];
  for (const l of listed.values()) {
    for (const image of l.images) {
      const reasons = healthOf({
        image,
        users: l.users,
        sharedWith: shared.get(image),
        knownAccounts,
        now: at,
        maxAgeDays,
      });
      rows.push({ image, account: ctx.scope.accountId(image.profile), reasons });
    }
  }
  const placesOut: HealthPlace[] = places.map((p) => ({ ...p, account: ctx.scope.accountId(p.profile) }));
  return { at, maxAgeDays, places: placesOut, rows, gaps };
}
