// Everything that depends on one profile: its clients and credentials, and the image API over them.
import { ClientPool, type CallLogger } from './clients';
import { ImageApi } from './images';
import { effectiveProfile } from './profiles';

export class AwsSession {
  readonly pool: ClientPool;
  readonly api: ImageApi;

  constructor(readonly profile: string | undefined, logger: CallLogger) {
    this.pool = new ClientPool({ profile, logger });
    this.api = new ImageApi(this.pool, effectiveProfile(profile));
  }

  /** The profile that signs requests: the chosen one, else AWS_PROFILE, else "default". */
  get profileName(): string {
    return effectiveProfile(this.profile);
  }

  dispose(): void {
    this.pool.reset();
  }
}
