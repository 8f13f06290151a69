// What a command may act on: copy, update, share and distribute all need an available image the account owns;
// a copy or distribution needs a name that no image holds, and none of ours is about to, in its destinations.
import * as vscode from 'vscode';
import type { ImageRecord } from '../core/image';
import { isInFlight } from '../core/copyJobs';
import { isTerminal } from '../core/distribution';
import { stateKind, stateLabel } from '../core/imageState';
import type { CommandContext } from './context';

/**
 * True when the image is owned and available; otherwise the user is told why, in `refusal`'s words
 * (`{0}`: the image's name, `{1}`: "not yours" or its state), and nothing is sent.
 */
export function ownedAndAvailable(ctx: CommandContext, image: ImageRecord, refusal: (name: string, why: string) => string): boolean {
  if (image.ownership === 'owned' && stateKind(image.state) === 'available') return true;
  void ctx.prompts.notify('warning', refusal(image.name, image.ownership !== 'owned' ? vscode.l10n.t('not yours') : stateLabel(image.state)));
  return false;
}

/**
 * "already exists" for the first destination region where the name is taken, checked before anything is sent:
 * by an image AWS lists there, or by a copy or distribution of ours still on its way there (AWS does not list it
 * yet, and would refuse the second copy; a lost answer must never find the other's image as its own).
 */
export async function nameTaken(ctx: CommandContext, source: ImageRecord, regions: readonly string[], name: string): Promise<string | undefined> {
  const same = (j: { profile: string; service: string }): boolean => j.profile === source.profile && j.service === source.service;
  const pending = new Set([
    ...ctx.tracker.all().filter((j) => same(j) && isInFlight(j) && j.destName === name).map((j) => j.destRegion),
    ...ctx.distributor.all().filter((d) => same(d) && d.name === name).flatMap((d) => d.destinations.filter((x) => !x.isSource && !isTerminal(x)).map((x) => x.region)),
  ]);
  for (const region of regions) {
    if (pending.has(region)) return vscode.l10n.t('A copy named {0} is already on its way to {1}. Choose another name.', name, region);
    if (await ctx.scope.session(source.profile).api.isNameTaken(source.service, region, name)) {
      return vscode.l10n.t('An image named {0} already exists in {1}. Choose another name.', name, region);
    }
  }
  return undefined;
}
