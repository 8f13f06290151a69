// AppStream DescribeImages with Names fails whole when one name is gone (ResourceNotFoundException), so a
// batch that hits a deleted image falls back to one call per name to tell which remain.
import type { ImageRecord } from '../core/image';
import type { AppStreamImages } from './appstream';

export async function describeAppStreamNames(api: AppStreamImages, region: string, names: string[]): Promise<ImageRecord[]> {
  try {
    return await api.describeByNames(region, names);
  } catch (e) {
    if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    if (names.length === 1) return [];
  }
  const found: ImageRecord[] = [];
  for (const name of names) {
    try {
      found.push(...(await api.describeByNames(region, [name])));
    } catch (e) {
      if ((e as { name?: string }).name !== 'ResourceNotFoundException') throw e;
    }
  }
  return found;
}
