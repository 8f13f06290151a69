// "Import Image from AMI…": AppStream makes an image of an EC2 AMI (CreateImportedImage). Every answer is checked
// against the model's rules as it is typed; AWS is then asked with a dry run (creates nothing) whose answer is
// said in words, and only after the user goes on is the import sent, once (a lost answer settled by describing
// the image by name). The tracker follows it IMPORTING -> VALIDATING -> AVAILABLE or FAILED.
import { t } from '../platform/l10n';
import { jobId, type CopyJob } from '../core/copyJobs';
import { ownedList } from '../core/image';
import { amiIdRule, roleArnRule } from '../core/idRules';
import {
  AMI_IMPORT_EXPORT,
  AMI_IMPORT_SERVICE,
  importDescriptionRule,
  importDisplayNameRule,
} from '../core/importExport';
import type { ServiceId } from '../core/regions';
import { imageNameRule } from '../core/rules';
import { parseTagList, tagListRule } from '../core/tags';
import type { ImportRequest } from '../aws/importExport';
import type { CommandContext } from './context';
import { nameTakenIn } from './guards';
import { isNode } from './args';
import { pickPlace } from './pickPlace';
import { report } from './run';

export const IMPORT_IAM_ACTION = 'appstream:CreateImportedImage';

interface Where {
  profile: string;
  region: string;
  service: ServiceId;
}

/** The service row or owned-images row the command was run on, or the profile and a region of AppStream picked. */
async function where(ctx: CommandContext, arg: unknown, title: string): Promise<Where | undefined> {
  if (isNode(arg) && arg.kind === 'service' && AMI_IMPORT_EXPORT[arg.service]) {
    return { profile: arg.profile, region: arg.region, service: arg.service };
  }
  if (isNode(arg) && arg.kind === 'type' && AMI_IMPORT_EXPORT[arg.key.service]) {
    return { profile: arg.key.profile, region: arg.key.region, service: arg.key.service };
  }
  const place = await pickPlace(ctx, title, AMI_IMPORT_SERVICE);
  return place && { ...place, service: AMI_IMPORT_SERVICE };
}

export async function importImage(ctx: CommandContext, arg: unknown): Promise<CopyJob | undefined> {
  const title0 = t('Import Image from AMI');
  const at = await where(ctx, arg, title0);
  if (!at) return undefined;
  const { profile, region, service } = at;
  const title = t('Import Image from AMI ({0})', region);
  const req = await ask(ctx, at, title);
  if (!req) return undefined;
  const api = ctx.scope.session(profile).api;
  const context = {
    profile,
    region,
    importExport: 'import' as const,
    iamAction: IMPORT_IAM_ACTION,
    action: t('the import of {0} as {1}', req.amiId, req.name),
  };

  try {
    await api.importDryRun(req);
  } catch (e) {
    report(ctx, [{ error: e, title: t('Dry run: AWS would not import {0} as {1}', req.amiId, req.name), context }]);
    return undefined;
  }
  const go = await ctx.prompts.confirm(
    t('Dry run passed: AWS would import {0} as the image {1} in {2}.', req.amiId, req.name, region),
    t('Nothing has been created yet. Import now? The image is made from the AMI and validated, which takes a while.'),
    t('Import'),
  );
  if (!go) return undefined;

  const startedAt = Date.now();
  let started: { id: string; state: string };
  try {
    started = await api.importImage(req, startedAt);
  } catch (e) {
    report(ctx, [{ error: e, title: t('Could not import {0} as {1}', req.amiId, req.name), context }]);
    return undefined;
  }
  const dest = { profile, service, region, id: started.id };
  const job: CopyJob = {
    id: jobId(dest, 'import'),
    kind: 'import',
    profile,
    service,
    sourceRegion: region,
    sourceName: req.amiId,
    sourceId: req.amiId,
    destRegion: region,
    destName: req.name,
    destId: started.id,
    startedAt,
    state: started.state,
  };
  ctx.tracker.add(job);
  ctx.refreshes.listIfOpen(ownedList(dest), 'copy-started');
  void ctx.prompts.notify(
    'info',
    t('Importing {0} as {1} in {2}. Progress is shown in the status bar.', req.amiId, req.name, region),
  );
  return job;
}

/** Name, AMI ID, role, description, display name and tags, each checked as typed. */
async function ask(ctx: CommandContext, at: Where, title: string): Promise<ImportRequest | undefined> {
  const name = await ctx.prompts.input({
    title,
    prompt: t('Name of the new image in {0}', at.region),
    validate: imageNameRule(at.service),
    validateOnAccept: (v) => nameTakenIn(ctx, at, at.region, v),
  });
  if (name === undefined) return undefined;
  const amiId = await ctx.prompts.input({
    title,
    prompt: t('ID of the EC2 AMI to import (in {0})', at.region),
    placeHolder: 'ami-0123456789abcdef0',
    validate: amiIdRule,
  });
  if (amiId === undefined) return undefined;
  const roleArn = await ctx.prompts.input({
    title,
    prompt: t('ARN of the IAM role AppStream uses to import the AMI (required)'),
    placeHolder: 'arn:aws:iam::123456789012:role/AppStreamImport',
    validate: roleArnRule,
  });
  if (roleArn === undefined) return undefined;
  const description = await ctx.prompts.input({
    title,
    prompt: t('Description of the image (optional)'),
    validate: importDescriptionRule,
  });
  if (description === undefined) return undefined;
  const displayName = await ctx.prompts.input({
    title,
    prompt: t('Display name of the image (optional)'),
    validate: importDisplayNameRule,
  });
  if (displayName === undefined) return undefined;
  const tags = await ctx.prompts.input({
    title,
    prompt: t('Tags of the image, as key=value separated by commas (optional)'),
    placeHolder: 'team=finance, cost-center=1234',
    validate: tagListRule(at.service),
  });
  if (tags === undefined) return undefined;
  const parsed = parseTagList(at.service, tags);
  return {
    region: at.region,
    name,
    amiId: amiId.trim(),
    roleArn: roleArn.trim(),
    ...(description ? { description } : {}),
    ...(displayName ? { displayName } : {}),
    ...('tags' in parsed && Object.keys(parsed.tags).length ? { tags: parsed.tags } : {}),
  };
}
