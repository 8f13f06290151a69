// What the view is about: the profiles (accounts) shown, each one's regions, whether it has credentials at all,
// its account ID once a response has told it, and one session per profile (clients, credentials). Decided
// here, in one place; the tree only renders it. Sessions of profiles no longer shown stay alive: a copy
// started under a profile is followed with that profile's credentials after the user switches.
// The view follows the settings as they are read now: the effective profiles and regions are compared with
// those last seen on every settings event and every read (in a remote window VS Code drops machine-scoped
// values found in the local user settings, which no event may name), and a change is told to listeners.
import { AwsSession } from './session';
import type { CallLogger } from './clients';
import {
  effectiveProfile,
  hasCredentialSource,
  profileMissing,
  ProfileNotInFilesError,
  readProfiles,
  type ProfileInfo,
} from './profiles';

export interface ScopeSettings {
  /** Undefined: AWS_PROFILE, else "default". */
  profile: string | undefined;
  /** Several profiles side by side; empty (or one): the single profile. */
  profiles: string[];
  /** Undefined: the profile's region, else us-east-1. */
  regions: string[] | undefined;
  profileRegions: Record<string, string[]>;
}

export interface ProfileView {
  profile: string;
  /** The credential chain has something to start from (judged locally, no request). */
  credentials: boolean;
  /** The profile is named in the shared files (a profile that was deleted from them is not). */
  known: boolean;
  regions: string[];
  accountId?: string;
  info?: ProfileInfo;
}

export interface View {
  /** Several profiles: the tree's top level is one row per profile. */
  several: boolean;
  profiles: ProfileView[];
  /** The shared files could not be read, and why: `known` then says nothing. */
  filesError?: string;
}

/** What changed in the effective settings: the profiles shown (or the first one), or only regions. */
export type SettingsChange = 'profile' | 'regions';

export class Scope {
  private readonly sessions = new Map<string, AwsSession>();
  private readonly accounts = new Map<string, string>();
  private current: AwsSession;
  private seen: string[];
  private readonly listeners = new Set<(change: SettingsChange) => void>();
  /** Profiles the files, when last read, did not name (and nothing else gives credentials for). */
  private readonly gone = new Set<string>();

  constructor(
    private readonly logger: CallLogger,
    private readonly settings: () => ScopeSettings,
    private readonly onView?: (v: View) => void,
    /** A profile's account ID became known (the tree redraws its row). */
    private readonly onAccount?: (profile: string) => void,
  ) {
    this.current = this.open(this.primary());
    this.seen = this.effective();
  }

  /** The first profile shown: the one that signs requests when only one is shown. */
  get profile(): string {
    return this.current.profileName;
  }

  /** Every profile shown. */
  profiles(): string[] {
    const s = this.settings();
    return s.profiles.length ? s.profiles : [this.current.profileName];
  }

  /** The session of a profile (the first one shown by default), made on first use. */
  session(profile?: string): AwsSession {
    if (profile === undefined || profile === this.current.profileName) return this.current;
    return this.sessions.get(profile) ?? this.open(profile);
  }

  accountId(profile: string): string | undefined {
    return this.accounts.get(profile);
  }

  /** The profile that signs in as this account, once a response has told it. */
  profileOfAccount(accountId: string): string | undefined {
    return [...this.accounts].find(([, id]) => id === accountId)?.[0];
  }

  /** After the profile settings changed: the new first profile's session becomes current. */
  private profileChanged(): void {
    this.current = this.open(this.primary());
  }

  /** Every session reads the credential chain again on its next request (after "aws sso login"). */
  resetCredentials(): void {
    for (const s of this.sessions.values()) s.pool.reset();
  }

  /** The regions of a profile: its own choice, else the regions setting, else its region in the files (AWS_REGION first, as the SDK does), else us-east-1. */
  async regions(profile = this.profile): Promise<string[]> {
    return (
      (await this.view()).profiles.find((p) => p.profile === profile)?.regions ?? this.fallbackRegions(profile, [])
    );
  }

  /** Reads the shared files once and tells what the view shows (as the settings are read now). */
  async view(): Promise<View> {
    this.settingsChanged('later');
    const s = this.settings();
    const { profiles: files, error } = await readProfiles();
    const views = this.profiles().map((profile): ProfileView => {
      const info = files.find((p) => p.name === profile);
      return {
        profile,
        info,
        known: !!info,
        credentials: hasCredentialSource(profile, files),
        regions: ownRegions(s, profile) ?? this.fallbackRegions(profile, files),
        accountId: this.accounts.get(profile) ?? info?.accountId,
      };
    });
    const v: View = {
      several: s.profiles.length > 1,
      profiles: views,
      ...(error !== undefined ? { filesError: error } : {}),
    };
    this.onView?.(v);
    return v;
  }

  /**
   * Before a background look signed with `profile` (a tracked copy's): throws ProfileNotInFilesError when the
   * files, read now, name other profiles but not this one. Reading the files sends nothing, and notices when the
   * profile is back. No files at all (an instance role, say) are left to the SDK's chain.
   */
  async checkProfile(profile: string): Promise<void> {
    if (!(await profileMissing(profile))) {
      this.gone.delete(profile);
      return;
    }
    this.gone.add(profile);
    throw new ProfileNotInFilesError(profile);
  }

  /** The files, when last read for it, did not name this profile (a job of it cannot be checked). */
  profileGone(profile: string): boolean {
    return this.gone.has(profile);
  }

  /**
   * Compares the effective profiles and regions with those last seen, whatever made them change. On a change
   * the first profile's session follows and listeners hear it: at once, or (from a read inside a tree render)
   * on the next turn, so that the redraw does not land in the middle of the render.
   */
  settingsChanged(tell: 'now' | 'later' = 'now'): SettingsChange | undefined {
    const now = this.effective();
    const change: SettingsChange | undefined =
      now[0] !== this.seen[0] ? 'profile' : now[1] !== this.seen[1] ? 'regions' : undefined;
    this.seen = now;
    if (!change) return undefined;
    if (change === 'profile') this.profileChanged();
    const notify = (): void => {
      for (const l of [...this.listeners]) l(change);
    };
    if (tell === 'now') notify();
    else setTimeout(notify, 0);
    return change;
  }

  onSettingsChange(listener: (change: SettingsChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
    this.listeners.clear();
  }

  /** The effective profile settings and region settings, each as one comparable string. */
  private effective(): [string, string] {
    const s = this.settings();
    const profiles = s.profiles.length ? s.profiles : [effectiveProfile(s.profile)];
    return [
      JSON.stringify([this.primary() ?? null, profiles]),
      JSON.stringify([s.regions ?? null, profiles.map((p) => ownRegions(s, p) ?? null)]),
    ];
  }

  private fallbackRegions(profile: string, files: readonly ProfileInfo[]): string[] {
    return (
      this.settings().regions ?? [
        process.env.AWS_REGION || files.find((p) => p.name === profile)?.region || 'us-east-1',
      ]
    );
  }

  /** The setting of the first profile shown (undefined keeps the SDK's own default chain). */
  private primary(): string | undefined {
    const s = this.settings();
    return s.profiles[0] ?? s.profile;
  }

  private open(setting: string | undefined): AwsSession {
    const name = effectiveProfile(setting);
    const existing = this.sessions.get(name);
    // The chosen profile is passed to the SDK as chosen: "no setting" keeps the SDK's own default chain
    // (environment keys first), which an explicit "default" would skip.
    if (existing && existing.profile === (setting?.trim() || undefined)) return existing;
    existing?.dispose();
    const session = new AwsSession(setting?.trim() || undefined, this.logger, (accountId) => {
      if (this.accounts.get(name) === accountId) return;
      this.accounts.set(name, accountId);
      this.onAccount?.(name);
    });
    this.sessions.set(name, session);
    return session;
  }
}

/** A profile's own regions setting; never the object prototype's (a profile may be named "constructor"). */
function ownRegions(s: ScopeSettings, profile: string): string[] | undefined {
  return Object.hasOwn(s.profileRegions, profile) ? s.profileRegions[profile] : undefined;
}
