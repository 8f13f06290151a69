// Updated images: AWS makes a new image of an owned one with the latest agent, drivers and OS updates
// (AppStream CreateUpdatedImage, WorkSpaces CreateUpdatedWorkspaceImage), in the source's own region. The
// create call is mutating: sent once through the 'write' client; when its answer is lost, the new image is
// looked for by name (the name was free when the user chose it).
import type { ClientPool } from './clients';
import { sendOnce, startedSince, answeredWithoutId } from './reconcile';
import { AppStreamCalls, toRecord as appStreamRecord } from './appstream';
import type { Started, UpdateRequest } from './services/serviceImages';
import { WorkSpacesCalls } from './workspaces';

/** AppStream's dry run: whether AWS can make an updated image of `name` now. Creates nothing; one request. */
export async function appStreamCanUpdate(
  pool: ClientPool,
  region: string,
  name: string,
  newName: string,
): Promise<boolean> {
  const { CreateUpdatedImageCommand } = await import('@aws-sdk/client-appstream');
  // A dry run changes nothing, so the ordinary (resending) client is fine.
  const client = await pool.appstream(region);
  const out = await client.send(
    new CreateUpdatedImageCommand({ existingImageName: name, newImageName: newName, dryRun: true }),
  );
  return out.canUpdateImage === true;
}

export async function createUpdatedAppStream(pool: ClientPool, profile: string, req: UpdateRequest): Promise<Started> {
  const { CreateUpdatedImageCommand } = await import('@aws-sdk/client-appstream');
  const { source } = req;
  const client = await pool.appstream(source.region, 'write');
  const tags = req.tags && Object.keys(req.tags).length ? req.tags : undefined;
  return sendOnce(
    async () => {
      const out = await client.send(
        new CreateUpdatedImageCommand({
          existingImageName: source.name,
          newImageName: req.name,
          ...(req.description ? { newImageDescription: req.description } : {}),
          ...(req.displayName ? { newImageDisplayName: req.displayName } : {}),
          ...(tags ? { newImageTags: tags } : {}),
        }),
      );
      const made = out.image ? appStreamRecord(profile, source.region, out.image) : undefined;
      return { id: made?.id || req.name, state: made?.state ?? 'PENDING' };
    },
    async () => {
      const [found] = await new AppStreamCalls(pool, profile).describe(source.region, [req.name]);
      return found && startedSince(found, req.startedAt, pool.clock) ? { id: found.id, state: found.state } : undefined;
    },
  );
}

export async function createUpdatedWorkSpaces(pool: ClientPool, profile: string, req: UpdateRequest): Promise<Started> {
  const { CreateUpdatedWorkspaceImageCommand } = await import('@aws-sdk/client-workspaces');
  const { source } = req;
  // WorkSpaces requires a description (1-256 characters): never send a request AWS would refuse.
  if (!req.description) throw new Error('A WorkSpaces updated image needs a description.');
  const client = await pool.workspaces(source.region, 'write');
  return sendOnce(
    async () => ({
      id:
        (
          await client.send(
            new CreateUpdatedWorkspaceImageCommand({
              Name: req.name,
              Description: req.description,
              SourceImageId: source.id,
            }),
          )
        ).ImageId ?? answeredWithoutId(),
      state: 'PENDING',
    }),
    async () => {
      const found = await new WorkSpacesCalls(pool, profile).findOwnedByName(source.region, req.name, (r) =>
        startedSince(r, req.startedAt, pool.clock),
      );
      return found ? { id: found.id, state: found.state } : undefined;
    },
  );
}
