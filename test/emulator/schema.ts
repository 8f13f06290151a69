// Request constraints transcribed from the AWS service models (shared AWS-API.md, section 2). The emulator
// checks every member like AWS does and answers a ValidationException naming the first violation.

import { IMPORT_EXPORT_SCHEMA } from './importExportSchema';
import { APPSTREAM_TAGS, TAG_KEY, TAG_VALUE } from './tagSchema';

export type Shape =
  | { t: 'string'; min?: number; max?: number; pattern?: RegExp; enum?: readonly string[] }
  | { t: 'int'; min?: number; max?: number; /** The model's long (a 64-bit integer), checked the same. */ long?: true }
  | { t: 'bool' }
  | { t: 'list'; of: Shape; min?: number; max?: number }
  | { t: 'map'; key: Shape; value: Shape; min?: number; max?: number }
  | { t: 'struct'; members: Members };

export type Members = Record<string, Shape & { required?: boolean }>;

const s = (o: Omit<Extract<Shape, { t: 'string' }>, 't'> = {}): Shape => ({ t: 'string', ...o });

export const P = {
  Nm: /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,100}$/,
  Arn: /^arn:aws(?:-cn|-iso-b|-iso|-us-gov)?:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.\\-]{0,1023}$/,
  Acct: /^\d+$/,
  // Not anchored at the start in the model: Smithy patterns search.
  WsId: /wsi-[0-9a-z]{9,63}$/,
  Acct12: /^\d{12}$/,
  TagKey: TAG_KEY,
  TagValue: TAG_VALUE,
  WsName: /^[a-zA-Z0-9_./()\\-]+$/,
  WsDescription: /^[a-zA-Z0-9_./() -]+$/,
  WsRegion: /^[-0-9a-z]{1,31}$/,
  WsbId: /^wsb-[0-9a-z]{8,63}$/,
  WsWorkspaceId: /^ws-[0-9a-z]{8,63}$/,
  WsDirectoryId: /^(d-[0-9a-f]{8,63}$)|(wsd-[0-9a-z]{8,63}$)/,
  WsWorkspaceName: /^[a-zA-Z0-9_()][a-zA-Z0-9_.()-]{1,63}$/,
  Ec2ImageId: /^ami-([a-f0-9]{8}|[a-f0-9]{17})$/,
};

// The model gives Name only a pattern, no length: 1 to 101 characters.
const Name = { ...s({ pattern: P.Nm }), required: true } as const;
const Tok = s({ min: 1, max: 2048 });

export const APPSTREAM: Record<string, Members> = {
  DescribeImages: {
    Names: { t: 'list', of: s({ min: 1 }) },
    Arns: { t: 'list', of: s({ pattern: P.Arn }) },
    Type: s({ enum: ['PUBLIC', 'PRIVATE', 'SHARED'] }),
    NextToken: s({ min: 1 }),
    MaxResults: { t: 'int', min: 0, max: 25 },
  },
  CopyImage: {
    SourceImageName: Name,
    DestinationImageName: Name,
    DestinationRegion: { ...s({ min: 1, max: 32 }), required: true },
    DestinationImageDescription: s({ max: 256 }),
  },
  DeleteImage: { Name },
  DescribeImagePermissions: {
    Name,
    MaxResults: { t: 'int', min: 0, max: 500 },
    SharedAwsAccountIds: { t: 'list', of: s({ pattern: P.Acct }), min: 1, max: 5 },
    NextToken: s({ min: 1 }),
  },
  UpdateImagePermissions: {
    Name,
    SharedAccountId: { ...s({ pattern: P.Acct }), required: true },
    ImagePermissions: {
      t: 'struct',
      required: true,
      members: { allowFleet: { t: 'bool' }, allowImageBuilder: { t: 'bool' } },
    },
  },
  DeleteImagePermissions: { Name, SharedAccountId: { ...s({ pattern: P.Acct }), required: true } },
  ListTagsForResource: { ResourceArn: { ...s({ pattern: P.Arn }), required: true } },
  TagResource: {
    ResourceArn: { ...s({ pattern: P.Arn }), required: true },
    Tags: { ...APPSTREAM_TAGS, required: true },
  },
  CreateUpdatedImage: {
    existingImageName: Name,
    newImageName: Name,
    newImageDescription: s({ max: 256 }),
    newImageDisplayName: s({ max: 100 }),
    newImageTags: APPSTREAM_TAGS,
    dryRun: { t: 'bool' },
  },
  DescribeFleets: { Names: { t: 'list', of: s({ min: 1 }) }, NextToken: s({ min: 1 }) },
  // MaxResults has no modeled bounds; appstream.ts bounds it as DescribeImages's.
  DescribeImageBuilders: {
    Names: { t: 'list', of: s({ min: 1 }) },
    MaxResults: { t: 'int' },
    NextToken: s({ min: 1 }),
  },
  StartImageBuilder: { Name: { ...s({ min: 1 }), required: true }, AppstreamAgentVersion: s({ min: 1, max: 100 }) },
  StopImageBuilder: { Name: { ...s({ min: 1 }), required: true } },
  DeleteImageBuilder: { Name },
  // Validity is a long without modeled bounds; builders.ts checks the documented 1-604800.
  CreateImageBuilderStreamingURL: {
    Name: { ...s({ min: 1 }), required: true },
    Validity: { t: 'int', long: true },
  },
  ...IMPORT_EXPORT_SCHEMA,
  // Every member of the model's UpdateFleetRequest; none is required there (rollout.ts needs Name).
  UpdateFleet: {
    ImageName: s({ min: 1 }),
    ImageArn: s({ pattern: P.Arn }),
    Name: s({ pattern: P.Nm }),
    InstanceType: s({ min: 1 }),
    ComputeCapacity: { t: 'struct', members: { DesiredInstances: { t: 'int' }, DesiredSessions: { t: 'int' } } },
    VpcConfig: {
      t: 'struct',
      members: {
        SubnetIds: { t: 'list', of: s({ min: 1 }) },
        SecurityGroupIds: { t: 'list', of: s({ min: 1 }), max: 5 },
      },
    },
    MaxUserDurationInSeconds: { t: 'int' },
    DisconnectTimeoutInSeconds: { t: 'int' },
    DeleteVpcConfig: { t: 'bool' },
    Description: s({ max: 256 }),
    DisplayName: s({ max: 100 }),
    EnableDefaultInternetAccess: { t: 'bool' },
    DomainJoinInfo: {
      t: 'struct',
      members: { DirectoryName: s(), OrganizationalUnitDistinguishedName: s({ max: 2000 }) },
    },
    IdleDisconnectTimeoutInSeconds: { t: 'int' },
    AttributesToDelete: {
      t: 'list',
      of: s({
        enum: [
          'VPC_CONFIGURATION',
          'VPC_CONFIGURATION_SECURITY_GROUP_IDS',
          'DOMAIN_JOIN_INFO',
          'IAM_ROLE_ARN',
          'USB_DEVICE_FILTER_STRINGS',
          'SESSION_SCRIPT_S3_LOCATION',
          'MAX_SESSIONS_PER_INSTANCE',
          'VOLUME_CONFIGURATION',
        ],
      }),
    },
    IamRoleArn: s({ pattern: P.Arn }),
    StreamView: s({ enum: ['APP', 'DESKTOP'] }),
    Platform: s({
      enum: [
        'WINDOWS',
        'WINDOWS_SERVER_2016',
        'WINDOWS_SERVER_2019',
        'WINDOWS_SERVER_2022',
        'WINDOWS_SERVER_2025',
        'AMAZON_LINUX2',
        'RHEL8',
        'ROCKY_LINUX8',
        'UBUNTU_PRO_2404',
      ],
    }),
    MaxConcurrentSessions: { t: 'int' },
    UsbDeviceFilterStrings: {
      t: 'list',
      of: s({
        min: 0,
        max: 100,
        pattern:
          /^((\w*)\s*(\w*)\s*\,\s*(\w*)\s*\,\s*\*?(\w*)\s*\,\s*\*?(\w*)\s*\,\s*\*?\d*\s*\,\s*\*?\d*\s*\,\s*[0-1]\s*\,\s*[0-1]\s*)$/,
      }),
    },
    SessionScriptS3Location: {
      t: 'struct',
      members: {
        // As the model writes it (a `.` escaped in the class), so the model check compares it as is.
        S3Bucket: { ...s({ min: 3, max: 63, pattern: new RegExp('^[0-9a-z\\.\\-]*(?<!\\.)$') }), required: true },
        S3Key: s({ min: 1, max: 1024 }),
      },
    },
    MaxSessionsPerInstance: { t: 'int' },
    RootVolumeConfig: { t: 'struct', members: { VolumeSizeInGb: { t: 'int' } } },
    DisableIMDSV1: { t: 'bool' },
  },
  // Every member of the model (botocore 1.43.11); builderCreate.ts checks what the model cannot say.
  CreateImageBuilder: {
    Name,
    ImageName: s({ min: 1 }),
    ImageArn: s({ pattern: P.Arn }),
    InstanceType: { ...s({ min: 1 }), required: true },
    Description: s({ max: 256 }),
    DisplayName: s({ max: 100 }),
    VpcConfig: {
      t: 'struct',
      members: {
        SubnetIds: { t: 'list', of: s({ min: 1 }) },
        SecurityGroupIds: { t: 'list', of: s({ min: 1 }), max: 5 },
      },
    },
    IamRoleArn: s({ pattern: P.Arn }),
    EnableDefaultInternetAccess: { t: 'bool' },
    DomainJoinInfo: {
      t: 'struct',
      members: { DirectoryName: s(), OrganizationalUnitDistinguishedName: s({ max: 2000 }) },
    },
    AppstreamAgentVersion: s({ min: 1, max: 100 }),
    Tags: APPSTREAM_TAGS,
    AccessEndpoints: {
      t: 'list',
      min: 1,
      max: 4,
      of: {
        t: 'struct',
        members: {
          EndpointType: { ...s({ enum: ['STREAMING'] }), required: true },
          VpceId: s({ min: 1 }),
        },
      },
    },
    RootVolumeConfig: { t: 'struct', members: { VolumeSizeInGb: { t: 'int' } } },
    SoftwaresToInstall: { t: 'list', of: s({ min: 1 }) },
    SoftwaresToUninstall: { t: 'list', of: s({ min: 1 }) },
    DisableIMDSV1: { t: 'bool' },
  },
  UntagResource: {
    ResourceArn: { ...s({ pattern: P.Arn }), required: true },
    TagKeys: { t: 'list', required: true, min: 1, max: 50, of: s({ min: 1, max: 128, pattern: P.TagKey }) },
  },
};

const ImageId = { ...s({ pattern: P.WsId }), required: true } as const;
// The WorkSpaces TagList: the model bounds each member (Key 1-127, Value up to 255), not the list.
const WsTags: Shape = {
  t: 'list',
  of: { t: 'struct', members: { Key: { ...s({ min: 1, max: 127 }), required: true }, Value: s({ max: 255 }) } },
};

export const WORKSPACES: Record<string, Members> = {
  DescribeWorkspaceImages: {
    ImageIds: { t: 'list', of: s({ pattern: P.WsId }), min: 1, max: 25 },
    ImageType: s({ enum: ['OWNED', 'SHARED'] }),
    NextToken: Tok,
    MaxResults: { t: 'int', min: 1, max: 25 },
  },
  CopyWorkspaceImage: {
    Name: { ...s({ min: 1, max: 64, pattern: P.WsName }), required: true },
    Description: s({ min: 1, max: 256, pattern: P.WsDescription }),
    SourceImageId: ImageId,
    SourceRegion: { ...s({ min: 1, max: 31, pattern: P.WsRegion }), required: true },
    Tags: {
      t: 'list',
      of: { t: 'struct', members: { Key: { ...s({ min: 1, max: 127 }), required: true }, Value: s({ max: 255 }) } },
    },
  },
  // Name and Description as CopyWorkspaceImage's, but Description is required here.
  CreateUpdatedWorkspaceImage: {
    Name: { ...s({ min: 1, max: 64, pattern: P.WsName }), required: true },
    Description: { ...s({ min: 1, max: 256, pattern: P.WsDescription }), required: true },
    SourceImageId: ImageId,
    Tags: {
      t: 'list',
      of: { t: 'struct', members: { Key: { ...s({ min: 1, max: 127 }), required: true }, Value: s({ max: 255 }) } },
    },
  },
  DeleteWorkspaceImage: { ImageId },
  DescribeWorkspaceImagePermissions: { ImageId, NextToken: Tok, MaxResults: { t: 'int', min: 1, max: 25 } },
  UpdateWorkspaceImagePermission: {
    ImageId,
    AllowCopyImage: { t: 'bool', required: true },
    SharedAccountId: { ...s({ pattern: P.Acct12 }), required: true },
  },
  DescribeTags: { ResourceId: { ...s({ min: 1 }), required: true } },
  DescribeWorkspaceBundles: {
    BundleIds: { t: 'list', of: s({ pattern: P.WsbId }), min: 1, max: 25 },
    Owner: s(),
    NextToken: Tok,
  },
  // Both optional in the model; rollout.ts answers InvalidParameterValuesException without either.
  UpdateWorkspaceBundle: {
    BundleId: s({ pattern: P.WsbId }),
    ImageId: s({ pattern: P.WsId }),
  },
  DescribeWorkspaces: {
    WorkspaceIds: { t: 'list', of: s({ pattern: P.WsWorkspaceId }), min: 1, max: 25 },
    DirectoryId: s({ min: 10, max: 65, pattern: P.WsDirectoryId }),
    UserName: s({ min: 1, max: 63 }),
    BundleId: s({ pattern: P.WsbId }),
    Limit: { t: 'int', min: 1, max: 25 },
    NextToken: Tok,
    WorkspaceName: s({ pattern: P.WsWorkspaceName }),
  },
  CreateWorkspaceImage: {
    Name: { ...s({ min: 1, max: 64, pattern: P.WsName }), required: true },
    Description: { ...s({ min: 1, max: 256, pattern: P.WsDescription }), required: true },
    WorkspaceId: { ...s({ pattern: P.WsWorkspaceId }), required: true },
    Tags: WsTags,
  },
  ImportWorkspaceImage: {
    Ec2ImageId: { ...s({ pattern: P.Ec2ImageId }), required: true },
    IngestionProcess: {
      ...s({
        enum: [
          'BYOL_REGULAR',
          'BYOL_GRAPHICS',
          'BYOL_GRAPHICSPRO',
          'BYOL_GRAPHICS_G4DN',
          'BYOL_REGULAR_WSP',
          'BYOL_GRAPHICS_G4DN_WSP',
          'BYOL_REGULAR_BYOP',
          'BYOL_GRAPHICS_G4DN_BYOP',
        ],
      }),
      required: true,
    },
    ImageName: { ...s({ min: 1, max: 64, pattern: P.WsName }), required: true },
    ImageDescription: { ...s({ min: 1, max: 256, pattern: P.WsDescription }), required: true },
    Tags: WsTags,
    Applications: {
      t: 'list',
      of: s({ enum: ['Microsoft_Office_2016', 'Microsoft_Office_2019'] }),
      min: 1,
      max: 5,
    },
  },
  // The model bounds neither list; the 50-tag limit is tags.ts's (ResourceLimitExceededException).
  CreateTags: {
    ResourceId: { ...s({ min: 1 }), required: true },
    Tags: {
      t: 'list',
      required: true,
      of: { t: 'struct', members: { Key: { ...s({ min: 1, max: 127 }), required: true }, Value: s({ max: 255 }) } },
    },
  },
  DeleteTags: {
    ResourceId: { ...s({ min: 1 }), required: true },
    TagKeys: { t: 'list', required: true, of: s({ min: 1 }) },
  },
};

/** The first violation, worded like AWS's "1 validation error detected: Value ... at '...' failed to satisfy constraint: ...". */
export function validate(members: Members, input: unknown, where = ''): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return `${where || 'input'} must be a structure`;
  }
  const obj = input as Record<string, unknown>;
  for (const [name, shape] of Object.entries(members)) {
    const path = where ? `${where}.${name}` : name;
    const v = obj[name];
    if (v === undefined || v === null) {
      if (shape.required) return `Value null at '${lower(path)}' failed to satisfy constraint: Member must not be null`;
      continue;
    }
    const err = check(shape, v, path);
    if (err) return err;
  }
  return undefined;
}

function lower(path: string): string {
  return path
    .split('.')
    .map((p) => p.charAt(0).toLowerCase() + p.slice(1))
    .join('.');
}

function violation(v: unknown, path: string, what: string): string {
  const shown = typeof v === 'string' ? `'${v}'` : JSON.stringify(v);
  return `Value ${shown} at '${lower(path)}' failed to satisfy constraint: ${what}`;
}

function check(shape: Shape, v: unknown, path: string): string | undefined {
  switch (shape.t) {
    case 'string': {
      if (typeof v !== 'string') return violation(v, path, 'Member must be a string');
      const len = [...v].length;
      if (shape.min !== undefined && len < shape.min) {
        return violation(v, path, `Member must have length greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && len > shape.max) {
        return violation(v, path, `Member must have length less than or equal to ${shape.max}`);
      }
      if (shape.pattern && !shape.pattern.test(v)) {
        return violation(v, path, `Member must satisfy regular expression pattern: ${shape.pattern.source}`);
      }
      if (shape.enum && !shape.enum.includes(v)) {
        return violation(v, path, `Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      }
      return undefined;
    }
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return violation(v, path, 'Member must be an integer');
      if (shape.min !== undefined && v < shape.min) {
        return violation(v, path, `Member must have value greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && v > shape.max) {
        return violation(v, path, `Member must have value less than or equal to ${shape.max}`);
      }
      return undefined;
    case 'bool':
      return typeof v === 'boolean' ? undefined : violation(v, path, 'Member must be a boolean');
    case 'list': {
      if (!Array.isArray(v)) return violation(v, path, 'Member must be a list');
      if (shape.min !== undefined && v.length < shape.min) {
        return violation(v, path, `Member must have length greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && v.length > shape.max) {
        return violation(v, path, `Member must have length less than or equal to ${shape.max}`);
      }
      for (let i = 0; i < v.length; i++) {
        const err = check(shape.of, v[i], `${path}.${i + 1}.member`);
        if (err) return err;
      }
      return undefined;
    }
    case 'map': {
      if (typeof v !== 'object' || Array.isArray(v)) return violation(v, path, 'Member must be a map');
      const entries = Object.entries(v as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) {
        return violation(v, path, `Member must have length greater than or equal to ${shape.min}`);
      }
      if (shape.max !== undefined && entries.length > shape.max) {
        return violation(v, path, `Member must have length less than or equal to ${shape.max}`);
      }
      for (const [k, val] of entries) {
        const err = check(shape.key, k, `${path}.key`) ?? check(shape.value, val, `${path}.${k}`);
        if (err) return err;
      }
      return undefined;
    }
    case 'struct':
      return validate(shape.members, v, path);
  }
}
