// The standard endpoint configuration of a chosen profile. The SDK reads AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL and the profile's `endpoint_url` / `services` section itself, but for the shared files it
// looks at AWS_PROFILE (or "default"), not at the client's `profile` option. So for a profile chosen in
// Cloud Images we resolve the same settings, with the SDK's own loader and in the same order, for that
// profile. Nothing here invents an endpoint: without configuration the SDK's regional AWS endpoint is used.
import type { ServiceId } from '../core/regions';

const CONFIG_KEY: Record<ServiceId, string> = { appstream: 'appstream', workspaces: 'workspaces' };

export async function configuredEndpoint(service: ServiceId, profile: string): Promise<string | undefined> {
  const { loadConfig, booleanSelector, SelectorType } = await import('@smithy/core/config');
  const ignore = await loadConfig<boolean>(
    {
      environmentVariableSelector: (env) =>
        booleanSelector(env, 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', SelectorType.ENV),
      configFileSelector: (p) => booleanSelector(p, 'ignore_configured_endpoint_urls', SelectorType.CONFIG),
      default: false,
    },
    { profile },
  )();
  if (ignore) return undefined;
  const key = CONFIG_KEY[service];
  return loadConfig<string | undefined>(
    {
      environmentVariableSelector: (env) =>
        env[`AWS_ENDPOINT_URL_${key.toUpperCase()}`] || env.AWS_ENDPOINT_URL || undefined,
      configFileSelector: (p, config) => {
        if (p.services) {
          const section = config?.[`services.${p.services}`];
          if (!section) {
            throw new Error(
              `The services section "${p.services}" named by profile "${profile}" is not in the shared config file.`,
            );
          }
          if (section[`${key}.endpoint_url`]) return section[`${key}.endpoint_url`];
        }
        return p.endpoint_url || undefined;
      },
      default: undefined,
    },
    { profile },
  )();
}
