// Request constraints transcribed from the AWS service models (shared AWS-API.md, section 2). The emulator
// checks every member like AWS does and answers a ValidationException naming the first violation.

import { IMPORT_EXPORT_SCHEMA } from './importExportSchema';

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
  TagKey: /^(^(?!aws:).[\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
  TagValue: /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u,
  WsName: /^[a-zA-Z0-9_./()\\-]+$/,
  WsDescription: /^[a-zA-Z0-9_./() -]+$/,
  WsRegion: /^[-0-9a-z]{1,31}$/,
  WsbId: /^wsb-[0-9a-z]{8,63}$/,
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
    Tags: {
      t: 'map',
      required: true,
      min: 1,
      max: 50,
      key: s({ min: 1, max: 128, pattern: P.TagKey }),
      value: s({ min: 0, max: 256, pattern: P.TagValue }),
    },
  },
  CreateUpdatedImage: {
    existingImageName: Name,
    newImageName: Name,
    newImageDescription: s({ max: 256 }),
    newImageDisplayName: s({ max: 100 }),
    newImageTags: {
      t: 'map',
      min: 1,
      max: 50,
      key: s({ min: 1, max: 128, pattern: P.TagKey }),
      value: s({ min: 0, max: 256, pattern: P.TagValue }),
    },
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
};

const ImageId = { ...s({ pattern: P.WsId }), required: true } as const;

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
