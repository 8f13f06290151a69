// Profiles from the shared config and credentials files (AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE are
// honoured by the loader), read with the SDK's own parser. No request leaves the machine.

export interface ProfileInfo {
  name: string;
  region?: string;
  /** How the profile gets credentials, for the picker's description. */
  kind: 'keys' | 'sso' | 'role' | 'process' | 'other';
  /** The account and role, where the file names them (SSO's sso_account_id / sso_role_name, a role_arn). */
  accountId?: string;
  role?: string;
}

/**
 * The profiles; when the files cannot be read, none, and why (so that no one says "not in your files" of a
 * profile the files may well name).
 */
export async function readProfiles(): Promise<{ profiles: ProfileInfo[]; error?: string }> {
  return listProfiles().then(
    (profiles) => ({ profiles }),
    (e: unknown) => ({ profiles: [], error: (e as Error)?.message ?? String(e) }),
  );
}

export async function listProfiles(): Promise<ProfileInfo[]> {
  const { loadSharedConfigFiles } = await import('@smithy/core/config');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  // The loader also returns [sso-session X] and [services X] sections, keyed "sso-session.X" / "services.X".
  const isProfile = (k: string): boolean => !/^(sso-session|services)\./.test(k);
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)].filter(isProfile));
  return [...names].sort().map((name) => {
    // Own sections only: a profile named "constructor" or "toString" must not read the object prototype.
    const own = (file: Record<string, unknown>): object | undefined =>
      Object.hasOwn(file, name) ? (file[name] as object) : undefined;
    const c = { ...own(credentialsFile), ...own(configFile) } as Record<string, string | undefined>;
    const kind =
      c.sso_session || c.sso_start_url
        ? 'sso'
        : c.role_arn
          ? 'role'
          : c.credential_process
            ? 'process'
            : c.aws_access_key_id
              ? 'keys'
              : 'other';
    const roleArn = /^arn:[^:]+:iam::(\d{12}):role\/(.+)$/.exec(c.role_arn ?? '');
    return {
      name,
      region: c.region,
      kind,
      ...(c.sso_account_id || roleArn ? { accountId: c.sso_account_id ?? roleArn![1] } : {}),
      ...(c.sso_role_name || roleArn ? { role: c.sso_role_name ?? roleArn![2] } : {}),
    };
  });
}

/**
 * A profile that the shared files, read just now, do not name (and no other credential source stands in):
 * nothing signed with it can be sent. Thrown before a request, so a copy started under a profile that was
 * since deleted from the files says so, instead of "no credentials" from the SDK's whole chain.
 */
export class ProfileNotInFilesError extends Error {
  constructor(readonly profile: string) {
    super(
      `The profile ${profile} is no longer in your AWS config or credentials files: add it back to check what it started.`,
    );
    this.name = 'ProfileNotInFilesError';
  }
}

/** The profile the extension uses: the setting, else AWS_PROFILE, else "default". */
export function effectiveProfile(setting: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return setting?.trim() || env.AWS_PROFILE?.trim() || 'default';
}

/**
 * Whether the credential chain has anything to start from, judged locally (no STS or SSO request): keys in the
 * environment, a container or web-identity source, or the profile present in the shared files.
 */
/**
 * The files, read now, name other profiles but not this one, and nothing else gives credentials. Files that
 * cannot be read, or no files at all (an instance role, say), say nothing: the SDK's chain decides then.
 */
export async function profileMissing(profile: string): Promise<boolean> {
  const { profiles, error } = await readProfiles();
  return error === undefined && profiles.length > 0 && !hasCredentialSource(profile, profiles);
}

export function hasCredentialSource(
  profile: string,
  profiles: readonly ProfileInfo[],
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (
    env.AWS_ACCESS_KEY_ID ||
    env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI ||
    env.AWS_CONTAINER_CREDENTIALS_FULL_URI ||
    env.AWS_WEB_IDENTITY_TOKEN_FILE
  ) {
    return true;
  }
  return profiles.some((p) => p.name === profile);
}
