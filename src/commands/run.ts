// The one wrapper every command runs in: a failure is logged with its request ID and shown in words with
// "Show Log"; nothing vanishes. A handler that already told the user returns normally instead of throwing.
import * as vscode from 'vscode';
import { reportFailure } from '../platform/failures';
import { effectiveProfile } from '../aws/profiles';
import type { CommandContext, Handler } from './context';

export function wrap(id: string, handler: Handler, ctx: CommandContext): (...args: unknown[]) => Promise<unknown> {
  return async (...args: unknown[]) => {
    try {
      return await handler(ctx, ...args);
    } catch (e) {
      if (e instanceof vscode.CancellationError) return undefined;
      await reportFailure(ctx.log, e, { action: id, profile: effectiveProfile(ctx.settings().profile) });
      return undefined;
    }
  };
}
