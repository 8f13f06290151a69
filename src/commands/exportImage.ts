// "Export Image to AMI…": AWS copies an owned, available AppStream image into an EC2 AMI (CreateExportImageTask).
// AMI name, description, IAM role and the AMI's tags are checked as typed; the request is sent once (a lost answer
// settled by listing the region's tasks for this image and AMI name); the task is followed until COMPLETED (its
// AMI ID in the ending, copyable) or FAILED. "Copy AMI ID" on a completed task row; details by GetExportImageTask.
import { t } from '../platform/l10n';
import { copyToClipboard } from '../platform/clipboard';
import { isInFlight, jobId, jobKind, type CopyJob } from '../core/copyJobs';
import type { ImageRecord } from '../core/image';
import {
  AMI_IMPORT_EXPORT,
  amiDescriptionRule,
  amiNameRule,
  exportStateLabel,
  exportTaskReason,
  suggestedAmiName,
} from '../core/importExport';
import type { ExportTaskRecord } from '../core/importExport';
import { roleArnRule } from '../core/idRules';
import { parseTagList, tagListRule } from '../core/tags';
import type { CommandContext } from './context';
import { exportTaskNodeArg, imageNodeArg } from './args';
import { ownedAndAvailable } from './guards';
import { pickOwnedImage } from './pickImage';
import { report, warn } from './run';

export const EXPORT_IAM_ACTION = 'appstream:CreateExportImageTask';

/** Exports whose request is on its way (profile, region, image, AMI name): a second click sends nothing. */
const sending = new Set<string>();

export async function exportImageToAmi(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const source = imageNodeArg(arg)?.record ?? (await pickOwnedImage(ctx, t('Export Image to AMI')));
  if (!source) return undefined;
  if (!AMI_IMPORT_EXPORT[source.service]) {
    warn(
      ctx,
      t('Nothing was sent: {0} is a WorkSpaces image; only AppStream images are exported to AMIs.', source.name),
    );
    return undefined;
  }
  const refusal = (name: string, why: string): string =>
    t('{0} cannot be exported: only available images you own can be exported to an AMI (it is {1}).', name, why);
  if (!ownedAndAvailable(ctx, source, refusal)) return undefined;
  const { profile, region, service } = source;
  const title = t('Export {0} to an AMI ({1})', source.name, region);
  const answers = await ask(ctx, source, title);
  if (!answers) return undefined;
  // The same export already on its way (a second click): AWS would make a second AMI of the same name.
  const twin = ctx.tracker
    .all()
    .find(
      (j) =>
        isInFlight(j) &&
        jobKind(j) === 'export' &&
        j.profile === profile &&
        j.destRegion === region &&
        j.sourceName === source.name &&
        j.destName === answers.amiName,
    );
  const key = JSON.stringify([profile, region, source.name, answers.amiName]);
  if (twin || sending.has(key)) {
    warn(ctx, t('Nothing was sent: {0} is already being exported to the AMI {1}.', source.name, answers.amiName));
    return undefined;
  }
  const context = {
    profile,
    region,
    importExport: 'export' as const,
    iamAction: EXPORT_IAM_ACTION,
    action: t('the export of {0} to the AMI {1}', source.name, answers.amiName),
  };
  const startedAt = Date.now();
  let task: ExportTaskRecord;
  sending.add(key);
  try {
    task = await ctx.scope
      .session(profile)
      .api.exportImage({ region, imageName: source.name, imageArn: source.arn, ...answers }, startedAt);
  } catch (e) {
    report(ctx, [{ error: e, title: t('Could not export {0} to an AMI', source.name), context }]);
    return undefined;
  } finally {
    sending.delete(key);
  }
  const dest = { profile, service, region, id: task.taskId };
  const job: CopyJob = {
    id: jobId(dest, 'export'),
    kind: 'export',
    profile,
    service,
    sourceRegion: region,
    sourceName: source.name,
    sourceId: source.id,
    destRegion: region,
    destName: answers.amiName,
    destId: task.taskId,
    startedAt,
    state: task.state,
  };
  ctx.tracker.add(job);
  ctx.refreshes.exports(profile, region, 'export-started');
  void ctx.prompts.notify(
    'info',
    t(
      'Exporting {0} to the AMI {1} in {2}. Progress is shown in the status bar.',
      source.name,
      answers.amiName,
      region,
    ),
  );
  return job;
}

interface Answers {
  amiName: string;
  amiDescription?: string;
  roleArn: string;
  tags?: Record<string, string>;
}

async function ask(ctx: CommandContext, source: ImageRecord, title: string): Promise<Answers | undefined> {
  const amiName = await ctx.prompts.input({
    title,
    prompt: t('Name of the AMI'),
    value: suggestedAmiName(source.name),
    validate: amiNameRule,
  });
  if (amiName === undefined) return undefined;
  const amiDescription = await ctx.prompts.input({
    title,
    prompt: t('Description of the AMI (optional)'),
    value: source.description ?? '',
    validate: amiDescriptionRule,
  });
  if (amiDescription === undefined) return undefined;
  const roleArn = await ctx.prompts.input({
    title,
    prompt: t('ARN of the IAM role AppStream uses to make the AMI (required)'),
    placeHolder: 'arn:aws:iam::123456789012:role/AppStreamExport',
    validate: roleArnRule,
  });
  if (roleArn === undefined) return undefined;
  const tags = await ctx.prompts.input({
    title,
    prompt: t('Tags of the AMI, as key=value separated by commas (optional)'),
    placeHolder: 'team=finance, cost-center=1234',
    validate: tagListRule(source.service),
  });
  if (tags === undefined) return undefined;
  const parsed = parseTagList(source.service, tags);
  return {
    amiName,
    roleArn: roleArn.trim(),
    ...(amiDescription ? { amiDescription } : {}),
    ...('tags' in parsed && Object.keys(parsed.tags).length ? { tags: parsed.tags } : {}),
  };
}

/** Copy AMI ID on a completed export task row. */
export async function copyAmiId(ctx: CommandContext, arg: unknown): Promise<void> {
  const task = exportTaskNodeArg(arg)?.record;
  if (!task) return;
  if (!task.amiId) {
    warn(ctx, t('The export to {0} has no AMI yet (it is {1}).', task.amiName, exportStateLabel(task.state)));
    return;
  }
  await copyToClipboard(task.amiId, t('Copied {0}: {1}', t('AMI ID'), task.amiId));
}

/** Show Export Task Details: the task as AWS reads it now (one GetExportImageTask), in words. */
export async function showExportTask(ctx: CommandContext, arg: unknown): Promise<ExportTaskRecord | undefined> {
  const row = exportTaskNodeArg(arg);
  if (!row) return undefined;
  const { profile, region, taskId, amiName } = row.record;
  let task: ExportTaskRecord;
  try {
    task = await ctx.scope.session(profile).api.exportTask(region, taskId);
  } catch (e) {
    const context = { profile, region, importExport: 'export' as const, iamAction: 'appstream:GetExportImageTask' };
    report(ctx, [{ error: e, title: t('Could not read the export task of {0}', amiName), context }]);
    return undefined;
  }
  const lines = [
    t('Image: {0}', task.imageName),
    t('State: {0}', exportStateLabel(task.state)),
    ...(task.amiId ? [t('AMI ID: {0}', task.amiId)] : []),
    ...(task.amiDescription ? [t('AMI description: {0}', task.amiDescription)] : []),
    t('Task ID: {0}', task.taskId),
    ...(exportTaskReason(task) ? [t('Errors: {0}', exportTaskReason(task)!)] : []),
  ];
  const copy = t('Copy AMI ID');
  const chosen = await ctx.prompts.choose(
    t('Export of {0} to the AMI {1}', task.imageName, task.amiName),
    lines.join('\n'),
    task.amiId ? [copy] : [],
    task.state === 'FAILED' ? 'error' : undefined,
  );
  if (chosen === copy && task.amiId) await copyToClipboard(task.amiId, t('Copied {0}: {1}', t('AMI ID'), task.amiId));
  ctx.refreshes.exports(profile, region, 'user');
  return task;
}
