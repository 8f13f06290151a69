// A failure as a tree row (never a toast from getChildren): the failure in words, its request ID in the tooltip,
// Retry on click, and `error.<kind>` so the menus offer the fix that fits (Select Profile, Select Regions) beside Retry.
import * as vscode from 'vscode';
import type { Failure } from '../core/errors';
import { Commands } from '../platform/ids';
import type { MessageNode, Node } from './nodes';

export function errorRowFields(
  failure: Failure,
  retry: Node,
): Required<Pick<MessageNode, 'label' | 'icon' | 'tooltip' | 'command' | 'contextValue'>> {
  return {
    label: failure.message,
    icon: 'error',
    tooltip: failure.requestId ? `${failure.message}\n\nRequest ID: ${failure.requestId}` : failure.message,
    command: { id: Commands.retry, title: vscode.l10n.t('Retry'), args: [retry] },
    contextValue: `error.${failure.kind}`,
  };
}
