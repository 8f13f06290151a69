// Where each service exists (botocore endpoints.json, see shared AWS-API.md section 4) and how regions are
// shown. Kept pure so the emulator, the tree and the input rules share one list.

import { SERVICES_CAN } from './services';

export type ServiceId = 'appstream' | 'workspaces';

export interface RegionInfo {
  readonly code: string;
  readonly name: string;
  /** Opt-in regions answer "security token invalid" until the account enables them. */
  readonly optIn: boolean;
}

const REGIONS: readonly RegionInfo[] = [
  { code: 'us-east-1', name: 'US East (N. Virginia)', optIn: false },
  { code: 'us-east-2', name: 'US East (Ohio)', optIn: false },
  { code: 'us-west-2', name: 'US West (Oregon)', optIn: false },
  { code: 'af-south-1', name: 'Africa (Cape Town)', optIn: true },
  { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)', optIn: false },
  { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)', optIn: false },
  { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)', optIn: false },
  { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)', optIn: false },
  { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)', optIn: false },
  { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)', optIn: true },
  { code: 'ca-central-1', name: 'Canada (Central)', optIn: false },
  { code: 'eu-central-1', name: 'Europe (Frankfurt)', optIn: false },
  { code: 'eu-south-1', name: 'Europe (Milan)', optIn: true },
  { code: 'eu-south-2', name: 'Europe (Spain)', optIn: true },
  { code: 'eu-west-1', name: 'Europe (Ireland)', optIn: false },
  { code: 'eu-west-2', name: 'Europe (London)', optIn: false },
  { code: 'eu-west-3', name: 'Europe (Paris)', optIn: false },
  { code: 'il-central-1', name: 'Israel (Tel Aviv)', optIn: true },
  { code: 'sa-east-1', name: 'South America (São Paulo)', optIn: false },
  { code: 'us-gov-east-1', name: 'AWS GovCloud (US-East)', optIn: false },
  { code: 'us-gov-west-1', name: 'AWS GovCloud (US-West)', optIn: false },
  { code: 'cn-northwest-1', name: 'China (Ningxia)', optIn: false },
];

const SERVICE_REGIONS: Record<ServiceId, ReadonlySet<string>> = {
  appstream: new Set([
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-5',
    'ca-central-1',
    'eu-central-1',
    'eu-south-1',
    'eu-south-2',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-2',
    'us-gov-east-1',
    'us-gov-west-1',
  ]),
  workspaces: new Set([
    'af-south-1',
    'ap-northeast-1',
    'ap-northeast-2',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-5',
    'ca-central-1',
    'eu-central-1',
    'eu-west-1',
    'eu-west-2',
    'eu-west-3',
    'il-central-1',
    'sa-east-1',
    'us-east-1',
    'us-east-2',
    'us-west-2',
    'us-gov-east-1',
    'us-gov-west-1',
    'cn-northwest-1',
  ]),
};

export const SERVICES: readonly ServiceId[] = ['appstream', 'workspaces'];

export function serviceExistsIn(service: ServiceId, region: string): boolean {
  return SERVICE_REGIONS[service].has(region);
}

export function servicesIn(region: string): ServiceId[] {
  return SERVICES.filter((s) => serviceExistsIn(s, region));
}

/** Regions where at least one of the two services exists, in display order. */
export function knownRegions(): readonly RegionInfo[] {
  return REGIONS.filter((r) => servicesIn(r.code).length > 0);
}

export function regionsOf(service: ServiceId): string[] {
  return REGIONS.filter((r) => serviceExistsIn(service, r.code)).map((r) => r.code);
}

/**
 * Where an image of `sourceRegion` may be copied: the service's regions in the same partition (one profile's
 * credentials never reach another partition). WorkSpaces copies only within the region in China (Ningxia), and
 * across GovCloud regions only through AWS Support (CopyWorkspaceImage's documentation).
 */
export function copyDestinations(service: ServiceId, sourceRegion: string): string[] {
  const partition = partitionOf(sourceRegion);
  if (SERVICES_CAN[service].crossRegionCopyOnlyInAws && partition !== 'aws') return [sourceRegion];
  return regionsOf(service).filter((r) => partitionOf(r) === partition);
}

export function regionInfo(code: string): RegionInfo {
  return REGIONS.find((r) => r.code === code) ?? { code, name: code, optIn: false };
}

/** "US East (N. Virginia) us-east-1" */
export function regionLabel(code: string): string {
  const info = regionInfo(code);
  return info.name === code ? code : `${info.name} ${code}`;
}

export function partitionOf(region: string): 'aws' | 'aws-us-gov' | 'aws-cn' {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}
