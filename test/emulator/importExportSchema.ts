// Request constraints of CreateImportedImage and the export task operations, transcribed from the AppStream model
// (shared AWS-API.md section 8): spread into schema.ts's APPSTREAM. Only types come from schema.ts (no cycle).
import type { Members, Shape } from './schema';
import { APPSTREAM_TAGS as TAGS } from './tagSchema';

const s = (o: Omit<Extract<Shape, { t: 'string' }>, 't'> = {}): Shape => ({ t: 'string', ...o });
const req = <T extends Shape>(x: T): T & { required: true } => ({ ...x, required: true });

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$/;
const ARN =
  /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/;
const IMPORT_TEXT = /^[a-zA-Z0-9_.() -]+$/;
const PATH = s({ max: 32767 });

export const IMPORT_EXPORT_SCHEMA: Record<string, Members> = {
  CreateImportedImage: {
    Name: req(s({ pattern: NAME })),
    SourceAmiId: req(s({ pattern: /^ami-[a-z0-9]{8,17}$/ })),
    IamRoleArn: req(s({ pattern: ARN })),
    Description: s({ max: 256, pattern: IMPORT_TEXT }),
    DisplayName: s({ max: 100, pattern: IMPORT_TEXT }),
    Tags: TAGS,
    RuntimeValidationConfig: {
      t: 'struct',
      members: {
        IntendedInstanceType: s({
          pattern: /^[a-zA-Z0-9-]+(\.[a-z0-9-]+)+\.(small|medium|large|xlarge|\d+xlarge|metal)$/,
        }),
      },
    },
    AgentSoftwareVersion: s({ enum: ['CURRENT_LATEST', 'ALWAYS_LATEST'] }),
    AppCatalogConfig: {
      t: 'list',
      max: 50,
      of: {
        t: 'struct',
        members: {
          Name: req(s({ max: 100, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,99}$/ })),
          DisplayName: s({ max: 100, pattern: /^[a-zA-Z0-9][a-zA-Z0-9_. -]{0,99}$/ }),
          AbsoluteAppPath: req(PATH),
          AbsoluteIconPath: PATH,
          AbsoluteManifestPath: PATH,
          WorkingDirectory: PATH,
          LaunchParameters: s({ max: 1024, pattern: /[^\x00]+/ }),
        },
      },
    },
    DryRun: { t: 'bool' },
  },
  CreateExportImageTask: {
    ImageName: req(s({ pattern: NAME })),
    AmiName: req(s({ pattern: /^[a-zA-Z0-9().\-/_]{3,128}$/ })),
    IamRoleArn: req(s({ pattern: ARN })),
    TagSpecifications: TAGS,
    AmiDescription: s({ max: 256 }),
  },
  // TaskId is optional in the model; not anchored (Smithy patterns search).
  GetExportImageTask: { TaskId: s({ pattern: /[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}/ }) },
  ListExportImageTasks: {
    Filters: {
      t: 'list',
      of: {
        t: 'struct',
        members: {
          Name: req(s({ pattern: NAME })),
          Values: req({ t: 'list', of: s({ pattern: /^[a-zA-Z0-9][a-zA-Z0-9_:/.-]{0,200}$/ }) }),
        },
      },
    },
    MaxResults: { t: 'int', min: 0, max: 500 },
    NextToken: s({ min: 1 }),
  },
};
