// Everything that depends on the chosen profile: replaced whole when the profile changes, so no client,
// credential or page of the old profile survives.
import { ClientPool, type CallLogger } from './clients';
import { ImageApi } from './images';

export class AwsSession {
  readonly pool: ClientPool;
  readonly api: ImageApi;

  constructor(readonly profile: string | undefined, logger: CallLogger, maxAttempts?: number) {
    this.pool = new ClientPool({ profile, logger, maxAttempts });
    this.api = new ImageApi(this.pool);
  }

  dispose(): void {
    this.pool.reset();
  }
}
