// The modeled refusals of the image builder operations (StartImageBuilder, StopImageBuilder, DeleteImageBuilder,
// CreateImageBuilderStreamingURL) as what to do next: describeFailure (errors.ts) uses them with `builder` set.
import type { FailureKind } from './errors';
import { clip } from './refusals';

export function builderRefusal(f: {
  name: string;
  message: string;
}): { kind: FailureKind; message: string } | undefined {
  const msg = clip(f.message);
  switch (f.name) {
    case 'ResourceNotFoundException':
      return { kind: 'not-found', message: `${msg} The image builder may already be deleted: refresh the view.` };
    case 'ResourceNotAvailableException':
      return {
        kind: 'not-available',
        message: `${msg} The image builder cannot be started now: only a stopped builder starts. Refresh the view to see its state, and try again once it is stopped.`,
      };
    case 'OperationNotPermittedException':
      return {
        kind: 'not-available',
        message: `${msg} AWS does not allow this in the builder's current state: Start needs a stopped builder, Stop and Connect a running one, Delete a stopped or failed one. Refresh the view to see its state.`,
      };
    case 'ConcurrentModificationException':
      return {
        kind: 'concurrent',
        message: `${msg} The image builder is changing state: wait until it is running or stopped, refresh, and try again.`,
      };
    case 'IncompatibleImageException':
      return {
        kind: 'incompatible',
        message: `${msg} The builder's image cannot run with this agent or instance: create a new image builder from a newer image.`,
      };
    case 'InvalidAccountStatusException':
      return {
        kind: 'not-available',
        message: `${msg} The account cannot start AppStream resources here (suspended, or not enabled for the region): contact AWS Support.`,
      };
  }
  return undefined;
}
