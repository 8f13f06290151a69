// What an image's state means for the user: which icon, whether it is still changing, what may be done to it.

export type StateKind = 'available' | 'transitional' | 'failed' | 'deleting';

// AppStream: PENDING CREATING COPYING IMPORTING VALIDATING DELETING; WorkSpaces: PENDING.
const TRANSITIONAL = new Set(['PENDING', 'CREATING', 'COPYING', 'IMPORTING', 'VALIDATING', 'DELETING']);
const FAILED = new Set(['FAILED', 'ERROR']);

export function stateKind(state: string): StateKind {
  if (state === 'DELETING') return 'deleting';
  if (TRANSITIONAL.has(state)) return 'transitional';
  if (FAILED.has(state)) return 'failed';
  return 'available';
}

export function isTransitional(state: string): boolean {
  return TRANSITIONAL.has(state);
}

/** "AVAILABLE" -> "Available", "COPYING" -> "Copying" */
export function stateLabel(state: string): string {
  if (state === 'DELETING') return 'Deleting…';
  return state.charAt(0) + state.slice(1).toLowerCase().replace(/_/g, ' ');
}
