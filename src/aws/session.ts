// Everything that depends on the chosen profile: replaced whole when the profile changes, so no client,
// credential or page of the old profile survives (requests in flight finish first: see ClientPool.reset).
import { ClientPool, type CallLogger } from './clients';
import { ImageApi } from './images';
import { effectiveProfile } from './profiles';

export class AwsSession {
  readonly pool: ClientPool;
  readonly api: ImageApi;

  constructor(readonly profile: string | undefined, logger: CallLogger) {
    this.pool = new ClientPool({ profile, logger });
    this.api = new ImageApi(this.pool);
  }

  /** The profile that signs requests: the chosen one, else AWS_PROFILE, else "default". */
  get profileName(): string {
    return effectiveProfile(this.profile);
  }

  dispose(): void {
    this.pool.reset();
  }
}
