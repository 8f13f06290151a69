// Where each service exists. Elsewhere there is no endpoint at all (the hostname does not resolve), so the
// emulator closes the connection unanswered, and copies are refused as AWS refuses them.
import { regionsOf } from '../../src/core/regions';

export const APPSTREAM_REGIONS: ReadonlySet<string> = new Set(regionsOf('appstream'));
export const WORKSPACES_REGIONS: ReadonlySet<string> = new Set(regionsOf('workspaces'));
