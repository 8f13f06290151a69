// "Import Image from AMI…": AppStream makes an image of an EC2 AMI (CreateImportedImage). Every answer is checked
// against the model's rules as it is typed; AWS is then asked with a dry run (creates nothing) whose answer is
// said in words, and only after the user goes on is the import sent, once (a lost answer settled by describing
// the image by name). The tracker follows it IMPORTING -> VALIDATING -> AVAILABLE or FAILED.
import { t } from '../platform/l10n';
import { jobId, type CopyJob } from '../core/copyJobs';
import { ownedList } from '../core/image';
import {
  AMI_IMPORT_EXPORT,
  amiIdRule,
  importDescriptionRule,
  importDisplayNameRule,
  parseTags,
  roleArnRule,
  tagsRule,
} from '../core/importExport';
import { servicesIn, type ServiceId } from '../core/regions';
import { imageNameRule } from '../core/rules';
import type { ImportRequest } from '../aws/importExport';
import type { CommandContext } from './context';
import { namePending } from './guards';
import { isNode } from './args';
import { pickProfile, pickRegion } from './pickImage';
import { report, warn } from './run';

export const IMPORT_IAM_ACTION = 'appstream:CreateImportedImage';

interface Where {
  profile: string;
  region: string;
  service: ServiceId;
}

/** The service row or owned-images row the command was run on, or the profile and region picked. */
async function where(ctx: CommandContext, arg: unknown, title: string): Promise<Where | undefined> {
  if (isNode(arg) && arg.kind === 'service' && AMI_IMPORT_EXPORT[arg.service]) {
    return { profile: arg.profile, region: arg.region, service: arg.service };
  }
  if (isNode(arg) && arg.kind === 'type' && AMI_IMPORT_EXPORT[arg.key.service]) {
    return { profile: arg.key.profile, region: arg.key.region, service: arg.key.service };
  }
  const profile = await pickProfile(ctx, title);
  if (!profile) return undefined;
  const region = await pickRegion(ctx, title, profile);
  if (!region) return undefined;
  const service = servicesIn(region).find((s) => AMI_IMPORT_EXPORT[s]);
  if (!service) {
    warn(ctx, t('Nothing was sent: AppStream 2.0 is not offered in {0}, so no AMI can be imported there.', region));
    return undefined;
  }
  return { profile, region, service };
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
    validateOnAccept: async (v) => {
      if (namePending(ctx, at, v).has(at.region)) {
        return t('An image named {0} is being made in {1} already. Choose another name.', v, at.region);
      }
      return (await ctx.scope.session(at.profile).api.isNameTaken(at.service, at.region, v))
        ? t('An image named {0} already exists in {1}. Choose another name.', v, at.region)
        : undefined;
    },
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
    validate: tagsRule,
  });
  if (tags === undefined) return undefined;
  const parsed = parseTags(tags);
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
