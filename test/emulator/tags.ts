// Tag operations over the emulated world. AppStream (by ARN, images and image builders): ListTagsForResource,
// TagResource, UntagResource. WorkSpaces (by resource ID, images): CreateTags, DeleteTags (DescribeTags is
// workspaces.ts's).
// The models' member constraints are schema.ts's; here what AWS adds: at most 50 tags on a resource (AppStream
// LimitExceededException, WorkSpaces ResourceLimitExceededException, as each models it) and the reserved "aws:"
// prefix, which WorkSpaces' model has no pattern for (InvalidParameterValuesException, its modeled refusal).
import { AwsError, asNotFound } from './errors';
import type { AsUser, Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

export const MAX_TAGS = 50;

/** A tag map that belongs to an image or a builder: changed in place. */
interface Tagged {
  tags: Map<string, string>;
}

export class TagService {
  /** Image builders keep their tags here (the world holds what AWS returns for them, which has no tags). */
  private readonly builderTags = new WeakMap<AsUser, Map<string, string>>();

  constructor(private readonly world: World) {}

  readonly appstream: Record<string, (c: Call) => Json> = {
    ListTagsForResource: (c) => ({ Tags: Object.fromEntries(this.byArn(c).tags) }),
    TagResource: (c) => {
      const res = this.byArn(c);
      const merged = new Map([...res.tags, ...Object.entries(c.input.Tags as Record<string, string>)]);
      if (merged.size > MAX_TAGS) {
        throw new AwsError('LimitExceededException', `A resource can have at most ${MAX_TAGS} tags.`);
      }
      res.tags = merged;
      return {};
    },
    UntagResource: (c) => {
      const res = this.byArn(c);
      for (const k of c.input.TagKeys as string[]) res.tags.delete(k);
      return {};
    },
  };

  readonly workspaces: Record<string, (c: Call) => Json> = {
    CreateTags: (c) => {
      const img = this.wsImage(c);
      const tags = c.input.Tags as { Key: string; Value?: string }[];
      reserved(tags.map((t) => t.Key));
      const merged = new Map(img.tags.map((t) => [t.Key, t.Value]));
      for (const t of tags) merged.set(t.Key, t.Value ?? '');
      if (merged.size > MAX_TAGS) {
        throw new AwsError('ResourceLimitExceededException', `A resource can have at most ${MAX_TAGS} tags.`);
      }
      img.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
      return {};
    },
    DeleteTags: (c) => {
      const img = this.wsImage(c);
      const keys = c.input.TagKeys as string[];
      reserved(keys);
      img.tags = img.tags.filter((t) => !keys.includes(t.Key));
      return {};
    },
  };

  /** An image (any the region lists: AWS answers for its ARN) or an image builder of the account. */
  private byArn({ region, input }: Call): Tagged {
    const arn = input.ResourceArn as string;
    const r = this.world.settled(region);
    const img = [...r.appstream.values()].find((i) => i.image.Arn === arn);
    if (img) return img;
    const builder = [...r.imageBuilders.values()].find((b) => b.Arn === arn);
    if (!builder) throw asNotFound(`The resource ${arn} could not be found.`);
    let tags = this.builderTags.get(builder);
    if (!tags) {
      tags = new Map();
      this.builderTags.set(builder, tags);
    }
    const owner = this.builderTags;
    return {
      get tags() {
        return owner.get(builder)!;
      },
      set tags(next) {
        owner.set(builder, next);
      },
    };
  }

  private wsImage({ region, input }: Call): { tags: { Key: string; Value?: string }[] } {
    const id = input.ResourceId as string;
    const img = this.world.settled(region).workspaces.get(id);
    if (!img) {
      throw new AwsError('ResourceNotFoundException', `The resource ${id} could not be found.`, 400, {
        ResourceId: id,
      });
    }
    return img;
  }
}

/** WorkSpaces' model has no key pattern, but AWS reserves the prefix for its own tags. */
function reserved(keys: string[]): void {
  const bad = keys.find((k) => k.toLowerCase().startsWith('aws:'));
  if (bad) throw new AwsError('InvalidParameterValuesException', `The tag key ${bad} uses the reserved prefix aws:.`);
}
