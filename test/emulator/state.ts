// The emulated accounts' images, kept per region. Time-driven lifecycles (COPYING -> AVAILABLE, DELETING ->
// gone) are settled lazily against the clock whenever a region is read.

import { randomBytes } from 'node:crypto';
import type {
  AmiSeed,
  AppStreamImageSeed,
  AppStreamUserSeed,
  BundleSeed,
  DesktopSeed,
  Scenario,
  WorkSpacesImageSeed,
} from './scenario';

export type Json = Record<string, unknown>;

interface Transition {
  at: number;
  to: 'AVAILABLE' | 'FAILED' | 'ERROR' | 'GONE';
}

export interface AsImage {
  image: Json & { Name: string; Arn: string; State: string; Visibility: string };
  owned: boolean;
  sharedWith: Map<string, { allowFleet: boolean; allowImageBuilder: boolean }>;
  tags: Map<string, string>;
  copyFails: boolean;
  transition?: Transition;
  /** Made by CreateUpdatedImage: counts against the quota of updates in flight while it settles. */
  madeByUpdate?: boolean;
}

export interface WsImage {
  image: Json & { ImageId: string; Name: string; State: string; OwnerAccountId: string };
  sharedWith: Set<string>;
  /** AWS will not share this image: UpdateWorkspaceImagePermission answers OperationNotSupportedException. */
  notShareable?: { message: string; reason?: string };
  tags: { Key: string; Value?: string }[];
  copyFails: boolean;
  transition?: Transition;
  /** Made by CreateUpdatedWorkspaceImage: counts against the quota of updates in flight while it settles. */
  madeByUpdate?: boolean;
  /** The ErrorDetails it gets when it settles to ERROR (an image of a WorkSpace or an import that fails its checks). */
  failDetails?: { ErrorCode: string; ErrorMessage?: string }[];
}

/** A fleet or image builder: what AWS returns for it. */
export type AsUser = Json & { Name: string; Arn: string; ImageArn?: string; ImageName?: string; State: string };
export type Bundle = Json & { BundleId: string; Name: string; Owner: string; ImageId: string };
export type Desktop = DesktopSeed & { State: string };

/** What the endpoint keeps about an image builder beside what AWS returns (builders.ts moves it). */
export interface BuilderSim {
  transition?: { at: number; to: string };
  /** Starting it ends in FAILED with errors instead of RUNNING. */
  startFails?: boolean;
  /** StartImageBuilder answers IncompatibleImageException with this message. */
  incompatible?: string;
  /** Reaching FAILED: AWS's reason and errors for it (default: a start that failed). */
  failWith?: { reason: Json; errors: Json[] };
}

export interface RegionState {
  appstream: Map<string, AsImage>;
  workspaces: Map<string, WsImage>;
  fleets: Map<string, AsUser>;
  imageBuilders: Map<string, AsUser>;
  builderSims: Map<string, BuilderSim>;
  bundles: Map<string, Bundle>;
  /** WorkSpaces (DescribeWorkspaces) by ID, and the AMIs ImportWorkspaceImage can import (workspaceImages.ts). */
  desktops: Map<string, Desktop>;
  amis: Map<string, AmiSeed>;
}

const PLATFORMS = ['WINDOWS_SERVER_2019', 'WINDOWS_SERVER_2022', 'AMAZON_LINUX2', 'WINDOWS_SERVER_2016'];
const epoch = (iso: string | undefined, fallback: number): number => (iso ? Date.parse(iso) / 1000 : fallback / 1000);
const DAY_MS = 86_400_000;

export class World {
  readonly accountId: string;
  copyDelayMs: number;
  deleteDelayMs: number;
  /** AppStream image copies that may be in flight (COPYING) per destination region (AWS's default quota: 2). */
  copyQuota: number;
  /** WorkSpaces images an account may have per region (AWS's default quota: 40): a create or import beyond is refused. */
  wsImageQuota = 40;
  readonly disabledRegions: Set<string>;
  readonly expiredKeys: Set<string>;
  readonly invalidKeys: Set<string>;
  /** Image builders per region before CreateImageBuilder answers LimitExceededException; roles it cannot assume;
   *  subnets with no free address (a builder there ends FAILED). */
  builderQuota: number;
  readonly unassumableRoles: Set<string>;
  readonly fullSubnets: Set<string>;
  private readonly regions = new Map<string, RegionState>();

  /** Lifecycles other modules keep (importExport.ts): settled with the region's images, and all at once. */
  readonly settlers: { settle(region: string, t: number): void; settleAll(): void }[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly now: () => number = Date.now,
  ) {
    this.accountId = scenario.accountId ?? '123456789012';
    this.copyDelayMs = scenario.copyDelayMs ?? 5000;
    this.deleteDelayMs = scenario.deleteDelayMs ?? 1000;
    this.copyQuota = scenario.copyQuota ?? 2;
    this.disabledRegions = new Set(scenario.disabledRegions ?? []);
    this.expiredKeys = new Set(scenario.expiredAccessKeys ?? []);
    this.invalidKeys = new Set(scenario.invalidAccessKeys ?? []);
    this.builderQuota = scenario.builderQuota ?? 10;
    this.unassumableRoles = new Set(scenario.unassumableRoles ?? []);
    this.fullSubnets = new Set(scenario.fullSubnets ?? []);
    for (const [region, seed] of Object.entries(scenario.regions)) {
      this.region(region);
      for (const img of seed.appstream ?? []) this.putAppStream(region, img);
      for (const img of seed.workspaces ?? []) this.putWorkSpaces(region, img);
      for (const f of seed.fleets ?? []) this.putFleet(region, f);
      for (const b of seed.imageBuilders ?? []) this.putImageBuilder(region, b);
      for (const b of seed.bundles ?? []) this.putBundle(region, b);
      for (const w of seed.desktops ?? []) this.putDesktop(region, w);
      for (const m of seed.amis ?? []) this.region(region).amis.set(m.ImageId, m);
      const gen = seed.generate ?? {};
      const base = Date.parse('2024-01-01T00:00:00Z');
      for (let i = 1; i <= (gen.appstreamPrivate ?? 0); i++) {
        this.putAppStream(region, {
          Name: `Image-${String(i).padStart(5, '0')}`,
          Visibility: 'PRIVATE',
          Platform: PLATFORMS[i % PLATFORMS.length],
          CreatedTime: new Date(base + i * 3_600_000).toISOString(),
          Description: `Generated image ${i}`,
        });
      }
      for (let i = 1; i <= (gen.appstreamPublic ?? 0); i++) {
        this.putAppStream(region, {
          Name: `AppStream-Public-${String(i).padStart(5, '0')}`,
          Visibility: 'PUBLIC',
          Platform: PLATFORMS[i % PLATFORMS.length],
          CreatedTime: new Date(base + i * 3_600_000).toISOString(),
        });
      }
      for (let i = 1; i <= (gen.workspacesOwned ?? 0); i++) {
        const id = `wsi-${String(i).padStart(9, '0')}`;
        this.putWorkSpaces(region, {
          ImageId: id,
          Name: `WS-Image-${String(i).padStart(5, '0')}`,
          Created: new Date(base + i * 3_600_000).toISOString(),
        });
      }
      for (let i = 1; i <= (gen.fleets ?? 0); i++) {
        this.putFleet(region, { Name: `Fleet-${String(i).padStart(3, '0')}`, ImageName: gen.fleetImage ?? '' });
      }
    }
  }

  region(name: string): RegionState {
    let r = this.regions.get(name);
    if (!r) {
      r = {
        appstream: new Map(),
        workspaces: new Map(),
        fleets: new Map(),
        imageBuilders: new Map(),
        builderSims: new Map(),
        bundles: new Map(),
        desktops: new Map(),
        amis: new Map(),
      };
      this.regions.set(name, r);
    }
    return r;
  }

  /** Applies every transition that is due, then returns the region. */
  settled(name: string): RegionState {
    const r = this.region(name);
    const t = this.now();
    for (const [key, img] of r.appstream) {
      if (!img.transition || img.transition.at > t) continue;
      if (img.transition.to === 'GONE') r.appstream.delete(key);
      else {
        img.image.State = img.transition.to;
        if (img.transition.to === 'FAILED') {
          img.image.StateChangeReason = {
            Code: 'IMAGE_COPY_FAILURE',
            Message: 'The image could not be copied to the destination region.',
          };
        }
        img.transition = undefined;
      }
    }
    for (const [key, img] of r.workspaces) {
      if (!img.transition || img.transition.at > t) continue;
      if (img.transition.to === 'GONE') r.workspaces.delete(key);
      else {
        img.image.State = img.transition.to;
        // An image seeded to fail its checks (workspaceImages.ts) reports them; a copy reports a copy failure.
        if (img.transition.to === 'ERROR' && img.failDetails) img.image.ErrorDetails = img.failDetails;
        else if (img.transition.to === 'ERROR') {
          img.image.ErrorCode = 'ImageCopyFailure';
          img.image.ErrorMessage = 'The image could not be copied to the destination region.';
          img.image.ErrorDetails = [{ ErrorCode: 'UnknownError', ErrorMessage: 'The image copy failed.' }];
        }
        img.transition = undefined;
      }
    }
    this.settleBuilders(r, t);
    for (const s of this.settlers) s.settle(name, t);
    return r;
  }

  /** Builders whose transition is due reach its state (FAILED with AWS's reason and errors), or are gone. */
  private settleBuilders(r: RegionState, t: number): void {
    for (const [name, sim] of r.builderSims) {
      const b = r.imageBuilders.get(name);
      if (!b) {
        r.builderSims.delete(name);
        continue;
      }
      if (!sim.transition || sim.transition.at > t) continue;
      const to = sim.transition.to;
      sim.transition = undefined;
      if (to === 'GONE') {
        r.imageBuilders.delete(name);
        r.builderSims.delete(name);
        continue;
      }
      b.State = to;
      if (to === 'FAILED' && sim.failWith) {
        b.StateChangeReason = sim.failWith.reason;
        b.ImageBuilderErrors = sim.failWith.errors.map((e) => ({ ...e, ErrorTimestamp: t / 1000 }));
      } else if (to === 'FAILED') {
        b.StateChangeReason = { Code: 'INTERNAL_ERROR', Message: 'The image builder could not be started.' };
        b.ImageBuilderErrors = [
          {
            ErrorCode: 'INTERNAL_SERVICE_ERROR',
            ErrorMessage: 'An internal error prevented the instance from starting.',
            ErrorTimestamp: t / 1000,
          },
        ];
      }
    }
  }

  /** The endpoint's own facts about a builder (made on first use). */
  builderSim(region: string, name: string): BuilderSim {
    const sims = this.region(region).builderSims;
    let sim = sims.get(name);
    if (!sim) {
      sim = {};
      sims.set(name, sim);
    }
    return sim;
  }

  /** Ends every pending transition now (tests that do not want to wait). */
  settleAll(): void {
    for (const r of this.regions.values()) {
      for (const img of [...r.appstream.values(), ...r.workspaces.values()]) if (img.transition) img.transition.at = 0;
      for (const sim of r.builderSims.values()) if (sim.transition) sim.transition.at = 0;
    }
    for (const s of this.settlers) s.settleAll();
    for (const name of this.regions.keys()) this.settled(name);
  }

  regionNames(): string[] {
    return [...this.regions.keys()];
  }

  appStreamArn(region: string, name: string, owned: boolean): string {
    const partition = region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
    return `arn:${partition}:appstream:${region}:${owned ? this.accountId : ''}:image/${name}`;
  }

  putAppStream(region: string, seed: AppStreamImageSeed): AsImage {
    const { _inUseBy, _sharedWith, _tags, _copyFails, _settleAfterMs, _ageDays, ...members } = seed;
    const visibility = seed.Visibility ?? 'PRIVATE';
    const owned = visibility === 'PRIVATE';
    const sharedOwner = '444455556666';
    const image = {
      Platform: 'WINDOWS_SERVER_2019',
      ImageBuilderSupported: true,
      AppstreamAgentVersion: '1.1.1000',
      ...members,
      Name: seed.Name,
      Visibility: visibility,
      State: seed.State ?? 'AVAILABLE',
      Arn:
        (members.Arn as string | undefined) ??
        (visibility === 'SHARED'
          ? `arn:aws:appstream:${region}:${sharedOwner}:image/${seed.Name}`
          : this.appStreamArn(region, seed.Name, owned)),
      CreatedTime:
        _ageDays !== undefined ? (this.now() - _ageDays * DAY_MS) / 1000 : epoch(seed.CreatedTime, this.now()),
    } as AsImage['image'];
    if (typeof members.PublicBaseImageReleasedDate === 'string') {
      image.PublicBaseImageReleasedDate = epoch(members.PublicBaseImageReleasedDate, 0);
    }
    if (Array.isArray(members.ImageErrors)) {
      image.ImageErrors = (members.ImageErrors as Json[]).map((e) => ({
        ...e,
        ErrorTimestamp: typeof e.ErrorTimestamp === 'string' ? epoch(e.ErrorTimestamp, 0) : e.ErrorTimestamp,
      }));
    }
    const entry: AsImage = {
      image,
      owned,
      copyFails: !!_copyFails,
      sharedWith: new Map(
        (_sharedWith ?? []).map((a) =>
          typeof a === 'string'
            ? [a, { allowFleet: true, allowImageBuilder: false }]
            : [a.account, { allowFleet: a.allowFleet ?? true, allowImageBuilder: a.allowImageBuilder ?? false }],
        ),
      ),
      tags: new Map(Object.entries(_tags ?? {})),
    };
    if (entry.sharedWith.size) image.ImageSharedWithOthers = 'TRUE';
    if (_settleAfterMs !== undefined) {
      entry.transition = { at: this.now() + _settleAfterMs, to: _copyFails ? 'FAILED' : 'AVAILABLE' };
    }
    this.region(region).appstream.set(seed.Name, entry);
    const user = _inUseBy && /^(fleet|image builder) (.+)$/.exec(_inUseBy);
    if (user) {
      (user[1] === 'fleet' ? this.putFleet : this.putImageBuilder).call(this, region, {
        Name: user[2],
        ImageName: seed.Name,
      });
    }
    return entry;
  }

  putWorkSpaces(region: string, seed: WorkSpacesImageSeed): WsImage {
    const { _bundles, _sharedWith, _tags, _copyFails, _settleAfterMs, _ageDays, _notShareable, ...members } = seed;
    const image = {
      OperatingSystem: { Type: 'WINDOWS' },
      RequiredTenancy: 'DEFAULT',
      Description: `${seed.Name}`,
      ...members,
      State: seed.State ?? 'AVAILABLE',
      OwnerAccountId: seed.OwnerAccountId ?? this.accountId,
      Created: _ageDays !== undefined ? (this.now() - _ageDays * DAY_MS) / 1000 : epoch(seed.Created, this.now()),
    } as WsImage['image'];
    const entry: WsImage = {
      image,
      sharedWith: new Set(_sharedWith ?? []),
      tags: _tags ?? [],
      copyFails: !!_copyFails,
      ...(_notShareable ? { notShareable: _notShareable } : {}),
    };
    if (_settleAfterMs !== undefined) {
      entry.transition = { at: this.now() + _settleAfterMs, to: _copyFails ? 'ERROR' : 'AVAILABLE' };
    }
    this.region(region).workspaces.set(seed.ImageId, entry);
    for (const id of _bundles ?? []) {
      this.putBundle(region, { BundleId: id, Name: id.replace(/^wsb-/, ''), ImageId: seed.ImageId });
    }
    return entry;
  }

  private arn(region: string, kind: string, name: string): string {
    const partition = region.startsWith('us-gov-') ? 'aws-us-gov' : region.startsWith('cn-') ? 'aws-cn' : 'aws';
    return `arn:${partition}:appstream:${region}:${this.accountId}:${kind}/${name}`;
  }

  /** The ARN of an image of the region by name: the account's own, or a public or shared one as listed. */
  private imageArn(region: string, name: string): string | undefined {
    return this.region(region).appstream.get(name)?.image.Arn;
  }

  putFleet(region: string, seed: AppStreamUserSeed): AsUser {
    const { Name, ImageName, State, ...members } = seed;
    const fleet: AsUser = {
      Arn: this.arn(region, 'fleet', Name),
      Name,
      DisplayName: Name,
      ImageName,
      ImageArn: this.imageArn(region, ImageName),
      InstanceType: 'stream.standard.medium',
      FleetType: 'ON_DEMAND',
      ComputeCapacityStatus: { Desired: 1, Running: 1, InUse: 0, Available: 1 },
      State: State ?? 'RUNNING',
      CreatedTime: this.now() / 1000,
      ...members,
    };
    this.region(region).fleets.set(Name, fleet);
    return fleet;
  }

  /**
   * Image builders name no image, only its ARN (as AWS returns them). Times are given as ISO strings (or
   * `_ageDays`) and answered as epoch seconds; the members starting with "_" are the endpoint's (BuilderSim).
   */
  putImageBuilder(region: string, seed: AppStreamUserSeed): AsUser {
    const { Name, ImageName, State, _ageDays, _startFails, _incompatible, _settleAfterMs, _settlesTo, ...members } =
      seed;
    const builder: AsUser = {
      Name,
      Arn: this.arn(region, 'image-builder', Name),
      DisplayName: Name,
      ImageArn: this.imageArn(region, ImageName),
      InstanceType: 'stream.standard.medium',
      Platform: 'WINDOWS_SERVER_2019',
      State: State ?? 'RUNNING',
      ...members,
      CreatedTime:
        typeof _ageDays === 'number'
          ? (this.now() - _ageDays * DAY_MS) / 1000
          : typeof members.CreatedTime === 'number'
            ? members.CreatedTime
            : epoch(members.CreatedTime as string | undefined, this.now()),
    };
    if (Array.isArray(members.ImageBuilderErrors)) {
      builder.ImageBuilderErrors = (members.ImageBuilderErrors as Json[]).map((e) => ({
        ...e,
        ErrorTimestamp: typeof e.ErrorTimestamp === 'string' ? epoch(e.ErrorTimestamp, 0) : e.ErrorTimestamp,
      }));
    }
    this.region(region).imageBuilders.set(Name, builder);
    const sim: BuilderSim = {
      ...(_startFails ? { startFails: true } : {}),
      ...(typeof _incompatible === 'string' ? { incompatible: _incompatible } : {}),
      ...(typeof _settleAfterMs === 'number'
        ? {
            transition: {
              at: this.now() + _settleAfterMs,
              to: typeof _settlesTo === 'string' ? _settlesTo : 'RUNNING',
            },
          }
        : {}),
    };
    this.region(region).builderSims.set(Name, sim);
    return builder;
  }

  putBundle(region: string, seed: BundleSeed): Bundle {
    const bundle: Bundle = {
      Description: seed.Name,
      State: 'AVAILABLE',
      ComputeType: { Name: 'STANDARD' },
      CreationTime: this.now() / 1000,
      ...seed,
      Owner: seed.Owner ?? this.accountId,
    };
    this.region(region).bundles.set(seed.BundleId, bundle);
    return bundle;
  }

  /** The fleets and image builders using an AppStream image ("fleet a, image builder b"), as DeleteImage sees them. */
  appStreamUsers(region: string, img: AsImage): string[] {
    const r = this.region(region);
    return [
      ...[...r.fleets.values()]
        .filter((f) => f.ImageName === img.image.Name || f.ImageArn === img.image.Arn)
        .map((f) => `fleet ${f.Name}`),
      ...[...r.imageBuilders.values()]
        .filter((b) => b.ImageArn === img.image.Arn)
        .map((b) => `image builder ${b.Name}`),
    ];
  }

  /** The account's bundles built on a WorkSpaces image. */
  bundlesOf(region: string, imageId: string): string[] {
    return [...this.region(region).bundles.values()]
      .filter((b) => b.Owner === this.accountId && b.ImageId === imageId)
      .map((b) => b.BundleId);
  }

  /** A WorkSpace as DescribeWorkspaces returns it; "_" members are the endpoint's (workspaceImages.ts). */
  putDesktop(region: string, seed: DesktopSeed): Desktop {
    const desktop: Desktop = {
      DirectoryId: 'd-906734e6b2',
      BundleId: 'wsb-bh8rsxt14',
      State: 'AVAILABLE',
      WorkspaceProperties: { RunningMode: 'AUTO_STOP', ComputeTypeName: 'STANDARD' },
      ...seed,
    };
    this.region(region).desktops.set(seed.WorkspaceId, desktop);
    return desktop;
  }

  newWorkSpacesImageId(): string {
    return `wsi-${randomBytes(6).toString('hex').slice(0, 9)}`;
  }
}
