// Everything that depends on one profile: its clients and credentials, and the image API over them.
import { ClientPool, type CallLogger } from './clients';
import { ImageApi } from './images';
import { effectiveProfile } from './profiles';

export class AwsSession {
  readonly pool: ClientPool;
  readonly api: ImageApi;

  /** `onAccount`: the account the profile signs in as, told by the first response that carries it. */
  constructor(
    readonly profile: string | undefined,
    logger: CallLogger,
    onAccount?: (accountId: string) => void,
  ) {
    this.pool = new ClientPool({ profile, logger });
    this.api = new ImageApi(this.pool, effectiveProfile(profile), onAccount);
  }

  /** The profile that signs requests: the chosen one, else AWS_PROFILE, else "default". */
  get profileName(): string {
    return effectiveProfile(this.profile);
  }

  dispose(): void {
    this.pool.reset();
  }
}
