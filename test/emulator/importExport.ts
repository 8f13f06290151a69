// AppStream images to and from EC2 AMIs over the emulated world. CreateImportedImage (DryRun answers
// DryRunOperationException, 412, when the import would succeed) makes an image IMPORTING, VALIDATING after half
// the copy delay, then AVAILABLE, or FAILED (IMAGE_IMPORT_FAILURE with an ImageErrors entry) for an AMI seeded to
// fail validation. CreateExportImageTask makes an EXPORTING task that becomes COMPLETED with a new ami- ID after
// the copy delay, or FAILED with ErrorDetails for an image in the region's exportFails; ListExportImageTasks lists
// the region's tasks newest first, paged; GetExportImageTask reads one.
//
// (inf) Not documented, chosen to be plausible: an unknown AMI is ResourceNotFoundException; a role AWS cannot
// use (not an IAM role of this account) is InvalidRoleException; at most 2 imports and 2 exports in flight per
// region (LimitExceededException); an image with an export in flight refuses another (ConcurrentModification);
// ListExportImageTasks' filter names are not documented, so Filters are checked against the model and not applied.

import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError, asNotFound } from './errors';
import { Pager } from './paging';
import type { ExportTaskSeed, ImportAmiSeed } from './scenario';
import type { Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

export const IMPORTS_IN_FLIGHT = 2;
export const EXPORTS_IN_FLIGHT = 2;
const EXPORTS_PAGE = 50;

interface ImportSim {
  region: string;
  name: string;
  validatingAt: number;
  settlesAt: number;
  fails?: { ErrorCode: string; ErrorMessage: string };
}

interface ExportSim {
  region: string;
  imageName: string;
  task: Json & { TaskId: string; State: string; CreatedDate: number };
  settlesAt?: number;
  fails: boolean;
}

const epoch = (iso: string | undefined, fallback: number): number => (iso ? Date.parse(iso) / 1000 : fallback / 1000);

export class ImportExportService {
  private readonly pager: Pager;
  private readonly imports: ImportSim[] = [];
  private readonly exports: ExportSim[] = [];

  constructor(private readonly world: World) {
    this.pager = new Pager(() => world.now());
    world.settlers.push({ settle: (region, t) => this.settle(region, t), settleAll: () => this.settleAll() });
    for (const [region, seed] of Object.entries(world.scenario.regions)) {
      for (const t of seed.exportTasks ?? []) this.seedTask(region, t, (seed.exportFails ?? []).includes(t.ImageName));
    }
  }

  readonly operations: Record<string, (c: Call) => Json> = {
    CreateImportedImage: (c) => this.importImage(c),
    CreateExportImageTask: (c) => this.exportImage(c),
    GetExportImageTask: (c) => ({ ExportImageTask: this.task(c.region, c.input.TaskId as string | undefined).task }),
    ListExportImageTasks: (c) => this.listTasks(c),
  };

  private seedTask(region: string, t: ExportTaskSeed, fails: boolean): void {
    const { _settleAfterMs, ImageName, CreatedDate, ...members } = t;
    const task = {
      ...members,
      ImageArn: this.world.appStreamArn(region, ImageName, true),
      State: t.State ?? 'EXPORTING',
      CreatedDate: epoch(CreatedDate, this.world.now()),
    };
    const settlesAt =
      task.State === 'EXPORTING' ? this.world.now() + (_settleAfterMs ?? this.world.copyDelayMs) : undefined;
    this.exports.push({ region, imageName: ImageName, task, settlesAt, fails });
  }

  private ami(region: string, id: string): ImportAmiSeed {
    const ami = (this.world.scenario.regions[region]?.importAmis ?? []).find((a) => a.AmiId === id);
    if (!ami) throw asNotFound(`The AMI ${id} could not be found in ${region}, or it is not shared with this account.`);
    return ami;
  }

  /** (inf) A role AWS can pass for this account: an IAM role ARN in the account. */
  private role(arn: string): void {
    const m = /^arn:aws(?:-[a-z-]+)?:iam::(\d{12}):role\/.+$/.exec(arn);
    if (!m || m[1] !== this.world.accountId) {
      throw new AwsError(
        'InvalidRoleException',
        `AppStream cannot assume the role ${arn}: it is not an IAM role of account ${this.world.accountId}, or its trust policy does not allow appstream.amazonaws.com.`,
      );
    }
  }

  private importImage({ region, input }: Call): Json {
    const name = input.Name as string;
    const r = this.world.settled(region);
    if (r.appstream.has(name)) {
      throw new AwsError('ResourceAlreadyExistsException', `The image ${name} already exists.`);
    }
    const ami = this.ami(region, input.SourceAmiId as string);
    this.role(input.IamRoleArn as string);
    if (ami._incompatible) throw new AwsError('IncompatibleImageException', ami._incompatible);
    if (this.imports.filter((i) => i.region === region).length >= IMPORTS_IN_FLIGHT) {
      throw new AwsError(
        'LimitExceededException',
        `The limit of ${IMPORTS_IN_FLIGHT} image imports in progress in ${region} has been reached.`,
      );
    }
    if (input.DryRun === true) {
      throw new AwsError('DryRunOperationException', 'Request would have succeeded, but the DryRun flag is set.', 412);
    }
    const now = this.world.now();
    const entry = this.world.putAppStream(region, {
      Name: name,
      State: 'IMPORTING',
      Platform: ami.Platform ?? 'WINDOWS_SERVER_2022',
      ...(input.Description ? { Description: input.Description } : {}),
      ...(input.DisplayName ? { DisplayName: input.DisplayName } : {}),
      ImageType: 'CUSTOM',
      CreatedTime: new Date(now).toISOString(),
      _tags: (input.Tags as Record<string, string> | undefined) ?? {},
    });
    this.imports.push({
      region,
      name,
      validatingAt: now + this.world.copyDelayMs / 2,
      settlesAt: now + this.world.copyDelayMs,
      fails: ami._validationFails,
    });
    return { Image: entry.image };
  }

  private exportImage({ region, input }: Call): Json {
    const name = input.ImageName as string;
    const img = this.world.settled(region).appstream.get(name);
    if (!img) throw asNotFound(`The image ${name} could not be found.`);
    if (!img.owned) {
      throw new AwsError('OperationNotPermittedException', `The image ${name} is not owned by this account.`);
    }
    if (img.image.State !== 'AVAILABLE') {
      throw new AwsError('ResourceNotAvailableException', `The image ${name} is ${img.image.State}, not AVAILABLE.`);
    }
    this.role(input.IamRoleArn as string);
    const inFlight = this.exports.filter((x) => x.region === region && x.task.State === 'EXPORTING');
    if (inFlight.some((x) => x.imageName === name)) {
      throw new AwsError('ConcurrentModificationException', `The image ${name} is already being exported.`);
    }
    if (inFlight.length >= EXPORTS_IN_FLIGHT) {
      throw new AwsError(
        'LimitExceededException',
        `The limit of ${EXPORTS_IN_FLIGHT} export tasks in progress in ${region} has been reached.`,
      );
    }
    const now = this.world.now();
    const task = {
      TaskId: randomUUID(),
      ImageArn: img.image.Arn,
      AmiName: input.AmiName as string,
      CreatedDate: now / 1000,
      State: 'EXPORTING',
      ...(input.AmiDescription ? { AmiDescription: input.AmiDescription } : {}),
      ...(input.TagSpecifications ? { TagSpecifications: input.TagSpecifications } : {}),
    };
    const fails = (this.world.scenario.regions[region]?.exportFails ?? []).includes(name);
    this.exports.push({ region, imageName: name, task, settlesAt: now + this.world.copyDelayMs, fails });
    return { ExportImageTask: task };
  }

  private task(region: string, id: string | undefined): ExportSim {
    this.settle(region, this.world.now());
    const x = this.exports.find((e) => e.region === region && e.task.TaskId === id);
    if (!x) throw asNotFound(`The export image task ${id ?? ''} could not be found.`);
    return x;
  }

  private listTasks({ region, input }: Call): Json {
    this.settle(region, this.world.now());
    const all = this.exports
      .filter((e) => e.region === region)
      .map((e) => e.task)
      .sort((a, b) => b.CreatedDate - a.CreatedDate);
    const asked = input.MaxResults as number | undefined;
    const page = this.pager.page(
      all,
      JSON.stringify(['exportTasks', region]),
      asked || EXPORTS_PAGE,
      input.NextToken as string | undefined,
    );
    return { ExportImageTasks: page.items, ...(page.next ? { NextToken: page.next } : {}) };
  }

  /** Imports and exports whose time has come move on (called whenever the region is read). */
  private settle(region: string, t: number): void {
    const images = this.world.region(region).appstream;
    for (const sim of [...this.imports]) {
      if (sim.region !== region) continue;
      const img = images.get(sim.name);
      if (!img) {
        this.imports.splice(this.imports.indexOf(sim), 1);
        continue;
      }
      if (t >= sim.settlesAt) {
        this.imports.splice(this.imports.indexOf(sim), 1);
        img.image.State = sim.fails ? 'FAILED' : 'AVAILABLE';
        if (sim.fails) {
          img.image.StateChangeReason = { Code: 'IMAGE_IMPORT_FAILURE', Message: 'The AMI failed validation.' };
          img.image.ImageErrors = [{ ...sim.fails, ErrorTimestamp: t / 1000 }];
        }
      } else if (t >= sim.validatingAt) img.image.State = 'VALIDATING';
    }
    for (const x of this.exports) {
      if (x.region !== region || x.settlesAt === undefined || t < x.settlesAt) continue;
      x.settlesAt = undefined;
      if (x.fails) {
        x.task.State = 'FAILED';
        x.task.ErrorDetails = [
          { ErrorCode: 'EXPORT_FAILED', ErrorMessage: 'The image could not be exported: its snapshot failed.' },
        ];
      } else {
        x.task.State = 'COMPLETED';
        x.task.AmiId = `ami-${randomBytes(9).toString('hex').slice(0, 17)}`;
      }
    }
  }

  private settleAll(): void {
    for (const sim of this.imports) sim.settlesAt = sim.validatingAt = 0;
    for (const x of this.exports) if (x.settlesAt !== undefined) x.settlesAt = 0;
    for (const region of new Set([...this.imports, ...this.exports].map((x) => x.region))) {
      this.settle(region, this.world.now());
    }
  }
}
