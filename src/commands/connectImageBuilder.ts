// "Connect" on a running image builder: CreateImageBuilderStreamingURL, opened in the browser. The link is a
// credential: it is handed to the browser and nowhere else (never logged, kept, returned or shown). How long it
// stays valid is asked once (default 1 hour) and remembered.
import { t } from '../platform/l10n';
import { GlobalStateKeys } from '../platform/ids';
import { BUILDER_STREAMING_VALIDITY_S, builderValidityProblem, type BuilderRecord } from '../core/builders';
import type { CommandContext } from './context';
import { builderFor } from './builderArgs';
import { builderArg } from './pickBuilder';
import { report } from './run';

export async function connectImageBuilder(ctx: CommandContext, arg: unknown): Promise<boolean> {
  const b = builderFor(ctx, await builderArg(ctx, arg, 'connect', t('Connect to Image Builder')), 'connect');
  if (!b) return false;
  const validity = await streamingValidity(ctx);
  if (validity === undefined) return false;
  return openStreamingSession(ctx, b, validity);
}

/** Seconds the link stays valid: the remembered answer, or asked (and remembered) the first time. */
export async function streamingValidity(ctx: CommandContext): Promise<number | undefined> {
  const kept = ctx.memento.get<number>(GlobalStateKeys.builderStreamingValidity);
  if (typeof kept === 'number' && builderValidityProblem(String(kept)) === undefined) return kept;
  const typed = await ctx.prompts.input({
    title: t('Connect to Image Builder'),
    prompt: t(
      'How many seconds the streaming link stays valid ({0} to {1}). Remembered for the next connections.',
      BUILDER_STREAMING_VALIDITY_S.min,
      BUILDER_STREAMING_VALIDITY_S.max,
    ),
    value: String(BUILDER_STREAMING_VALIDITY_S.default),
    validate: builderValidityProblem,
  });
  if (typed === undefined) return undefined;
  const seconds = Number(typed.trim());
  await ctx.memento.update(GlobalStateKeys.builderStreamingValidity, seconds);
  return seconds;
}

/** Asks AWS for a streaming link and hands it to the browser; true when it was handed over. */
export async function openStreamingSession(ctx: CommandContext, b: BuilderRecord, validity: number): Promise<boolean> {
  let url: string;
  try {
    url = await ctx.scope.session(b.profile).api.builderStreamingUrl(b.region, b.name, validity);
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not connect to {0}', b.name),
        context: {
          profile: b.profile,
          region: b.region,
          action: t('the connection to {0}', b.name),
          builder: true,
          iamAction: 'appstream:CreateImageBuilderStreamingURL',
        },
      },
    ]);
    return false;
  }
  // Not awaited: the editor may ask the user to confirm the site for as long as they take. A failure names the
  // builder, never the link.
  ctx.browser.open(url).then(undefined, () => ctx.log.warn(`Could not open the streaming session of ${b.name}.`));
  ctx.log.info(`Opened a streaming session of image builder ${b.name} (${b.region}), valid ${validity} s.`);
  return true;
}
