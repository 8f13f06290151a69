// "Import BYOL Image…": AWS imports a Windows EC2 image (AMI) as a WorkSpaces image under the account's own
// licence (ImportWorkspaceImage), in the region of the row; the tracker follows it PENDING -> AVAILABLE or ERROR
// (the checks it failed, in words). Sent once: a lost answer is settled by looking for the image by name.
import { t } from '../platform/l10n';
import type { CopyJob } from '../core/copyJobs';
import { amiIdRule } from '../core/idRules';
import { INGESTION_PROCESSES } from '../core/workspaceImages';
import type { Started } from '../aws/images';
import type { CommandContext } from './context';
import { askNewImage, followNewImage, whereFor } from './workspaceImageFlow';
import { report } from './run';

export async function importWorkspaceImage(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const title = t('Import BYOL Image');
  const where = await whereFor(ctx, arg, title);
  if (!where) return undefined;
  const regionTitle = t('Import BYOL Image into {0}', where.region);
  const ami = await ctx.prompts.input({
    title: regionTitle,
    prompt: t('ID of the EC2 image (AMI) in {0} to import, e.g. ami-0123456789abcdef0', where.region),
    validate: amiIdRule,
  });
  if (ami === undefined) return undefined;
  const amiId = ami.trim();
  const ingestionProcess = await ctx.prompts.pick(
    INGESTION_PROCESSES.map((p) => ({ label: p.value, detail: p.words, value: p.value })),
    { title: regionTitle, placeHolder: t('Ingestion process: the bundles and protocol the image is for') },
  );
  if (ingestionProcess === undefined) return undefined;
  const answers = await askNewImage(ctx, where, regionTitle, {
    name: '',
    description: `BYOL import of ${amiId}`,
  });
  if (!answers) return undefined;

  const startedAt = Date.now();
  let started: Started;
  try {
    started = await ctx.scope.session(where.profile).api.importWorkSpaceImage({
      region: where.region,
      amiId,
      ingestionProcess,
      ...answers,
      startedAt,
    });
  } catch (e) {
    report(ctx, [
      {
        error: e,
        title: t('Could not import {0}', amiId),
        context: {
          ...where,
          wsImage: 'import',
          iamAction: 'workspaces:ImportWorkspaceImage',
          action: t('the import of {0}', amiId),
        },
      },
    ]);
    return undefined;
  }
  const job = followNewImage(ctx, 'ws-import', where, {
    started,
    name: answers.name,
    sourceId: amiId,
    sourceName: amiId,
    startedAt,
  });
  void ctx.prompts.notify(
    'info',
    t('Importing {0} as {1} in {2}. Progress is shown in the status bar.', amiId, answers.name, where.region),
  );
  return job;
}
