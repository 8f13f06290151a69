// The emulator answers for any region, but copies go only where the service exists.
import { regionsOf } from '../../src/core/regions';

export const APPSTREAM_REGIONS: ReadonlySet<string> = new Set(regionsOf('appstream'));
export const WORKSPACES_REGIONS: ReadonlySet<string> = new Set(regionsOf('workspaces'));
