// One entry point over both services, so the tree and commands need not switch on the service everywhere.

import type { AppStreamListType, ImageListKey, ImageRecord, Page, WorkSpacesListType } from '../core/image';
import { AppStreamImages } from './appstream';
import type { ClientPool } from './clients';
import { WorkSpacesImages } from './workspaces';

export class ImageApi {
  readonly appstream: AppStreamImages;
  readonly workspaces: WorkSpacesImages;

  constructor(readonly pool: ClientPool) {
    this.appstream = new AppStreamImages(pool);
    this.workspaces = new WorkSpacesImages(pool);
  }

  listPage(key: ImageListKey, nextToken: string | undefined, maxResults: number): Promise<Page<ImageRecord>> {
    return key.service === 'appstream'
      ? this.appstream.listPage(key.region, key.listType as AppStreamListType, nextToken, maxResults)
      : this.workspaces.listPage(key.region, key.listType as WorkSpacesListType, nextToken, maxResults);
  }

  pages(key: ImageListKey, pageSize: number): AsyncGenerator<ImageRecord[]> {
    return key.service === 'appstream'
      ? this.appstream.pages(key.region, key.listType as AppStreamListType, pageSize)
      : this.workspaces.pages(key.region, key.listType as WorkSpacesListType, pageSize);
  }
}
