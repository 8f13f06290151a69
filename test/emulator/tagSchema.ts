// AppStream's tag shapes, transcribed once from the model (TagKey, TagValue, Tags: 1-50 entries, keys not "aws:")
// for schema.ts and importExportSchema.ts. Only types come from schema.ts: both import this one (no cycle).
import type { Shape } from './schema';

export const TAG_KEY = /^(^(?!aws:).[\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;
export const TAG_VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u;

/** The model's Tags map (CreateImageBuilder, CreateUpdatedImage, TagResource, CreateImportedImage, exports). */
export const APPSTREAM_TAGS: Extract<Shape, { t: 'map' }> = {
  t: 'map',
  min: 1,
  max: 50,
  key: { t: 'string', min: 1, max: 128, pattern: TAG_KEY },
  value: { t: 'string', min: 0, max: 256, pattern: TAG_VALUE },
};
