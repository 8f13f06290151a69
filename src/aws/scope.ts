// What the view is about: the profile (and so the account), its regions, whether it has credentials at all,
// and one session per profile (clients, credentials). Decided here, in one place; the tree only renders it.
// Sessions of other profiles stay alive: a copy started under a profile is followed with that profile's
// credentials after the user switches to another.
import { AwsSession } from './session';
import type { CallLogger } from './clients';
import { effectiveProfile, hasCredentialSource, readProfiles } from './profiles';

export interface ScopeSettings {
  /** Undefined: AWS_PROFILE, else "default". */
  profile: string | undefined;
  /** Undefined: the profile's region, else us-east-1. */
  regions: string[] | undefined;
}

export interface View {
  /** The credential chain has something to start from (judged locally, no request). */
  credentials: boolean;
  regions: string[];
}

export class Scope {
  private readonly sessions = new Map<string, AwsSession>();
  private current: AwsSession;

  constructor(private readonly logger: CallLogger, private readonly settings: () => ScopeSettings, private readonly onView?: (v: View) => void) {
    this.current = this.open(settings().profile);
  }

  /** The profile that signs requests: the chosen one, else AWS_PROFILE, else "default". */
  get profile(): string {
    return this.current.profileName;
  }

  /** The session of a profile (the current one by default), made on first use. */
  session(profile?: string): AwsSession {
    if (profile === undefined || profile === this.current.profileName) return this.current;
    return this.sessions.get(profile) ?? this.open(profile);
  }

  /** After the profile setting changed: the new profile's session becomes current. */
  profileChanged(): void {
    this.current = this.open(this.settings().profile);
  }

  /** Every session reads the credential chain again on its next request (after "aws sso login"). */
  resetCredentials(): void {
    for (const s of this.sessions.values()) s.pool.reset();
  }

  /** The regions shown: the setting, else the profile's region (AWS_REGION first, as the SDK does), else us-east-1. */
  async regions(): Promise<string[]> {
    return (await this.view()).regions;
  }

  /** Reads the shared files once and tells what the view shows. */
  async view(): Promise<View> {
    const s = this.settings();
    const profiles = await readProfiles();
    const region = profiles.find((p) => p.name === this.profile)?.region;
    const v: View = {
      credentials: hasCredentialSource(this.profile, profiles),
      regions: s.regions ?? [process.env.AWS_REGION || region || 'us-east-1'],
    };
    this.onView?.(v);
    return v;
  }

  dispose(): void {
    for (const s of this.sessions.values()) s.dispose();
    this.sessions.clear();
  }

  private open(setting: string | undefined): AwsSession {
    const name = effectiveProfile(setting);
    const existing = this.sessions.get(name);
    // The chosen profile is passed to the SDK as chosen: "no setting" keeps the SDK's own default chain
    // (environment keys first), which an explicit "default" would skip.
    if (existing && existing.profile === (setting?.trim() || undefined)) return existing;
    existing?.dispose();
    const session = new AwsSession(setting?.trim() || undefined, this.logger);
    this.sessions.set(name, session);
    return session;
  }
}
