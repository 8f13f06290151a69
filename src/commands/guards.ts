// What a command may act on: copy, update, share and distribute all need an available image the account owns.
import * as vscode from 'vscode';
import type { ImageRecord } from '../core/image';
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
