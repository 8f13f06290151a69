// A deadline on getting a profile's credentials. The SDK sets none (shared AWS-API.md section 7): a
// credential_process that never exits, or an SSO token refresh that hangs, would leave every request of the
// profile pending for ever. Each request waits at most the deadline, then fails with words that name the
// profile and what to fix; the provider itself is dropped with the pool's clients on Retry (ClientPool.reset),
// so the next try starts the chain again.

/** Credential resolution took longer than the deadline (nothing was sent to AWS). */
export class CredentialsTimeoutError extends Error {
  constructor(
    readonly profile: string,
    readonly ms: number,
  ) {
    super(`Getting credentials for profile "${profile}" took longer than ${Math.round(ms / 1000)} s`);
    this.name = 'CredentialsTimeoutError';
  }
}

type Provider<T, A extends unknown[]> = (...args: A) => Promise<T>;

/** The provider, each call of which fails with CredentialsTimeoutError after `ms`. */
export function withDeadline<T, A extends unknown[]>(
  provider: Provider<T, A>,
  profile: string,
  ms: number,
): Provider<T, A> {
  return (...args: A) =>
    new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new CredentialsTimeoutError(profile, ms)), ms);
      provider(...args).then(
        (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        (e: unknown) => {
          clearTimeout(timer);
          reject(e);
        },
      );
    });
}
