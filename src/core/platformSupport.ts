// When the operating system of an image stops being supported by its maker: a small table, by the platform AWS
// names (AppStream's Platform), with the date and where it comes from (shown in the health report). WorkSpaces
// says only WINDOWS or LINUX, which names no version: no date applies. Dates checked on 2026-12-07:
// - Windows Server: Microsoft Lifecycle, end of extended support
//   https://learn.microsoft.com/lifecycle/products/windows-server-2016 (and -2019, -2022)
// - Amazon Linux 2: AWS, https://aws.amazon.com/amazon-linux-2/faqs/ ("end of support June 30, 2026")
// - RHEL 8: Red Hat, end of maintenance support, https://access.redhat.com/support/policy/updates/errata
// - Rocky Linux 8: Rocky Linux release guide, end of life, https://wiki.rockylinux.org/rocky/version/
// - Ubuntu 24.04 LTS: Canonical, end of standard support (April 2029: the month's last day taken),
//   https://ubuntu.com/about/release-cycle

export interface PlatformSupport {
  /** The platform as AWS names it. */
  readonly platform: string;
  readonly name: string;
  /** The last day of support (UTC), YYYY-MM-DD. */
  readonly endOfSupport: string;
  readonly source: string;
  readonly url: string;
}

export const PLATFORM_SUPPORT: readonly PlatformSupport[] = [
  {
    platform: 'WINDOWS_SERVER_2016',
    name: 'Windows Server 2016',
    endOfSupport: '2027-01-12',
    source: 'Microsoft Lifecycle (extended support)',
    url: 'https://learn.microsoft.com/lifecycle/products/windows-server-2016',
  },
  {
    platform: 'WINDOWS_SERVER_2019',
    name: 'Windows Server 2019',
    endOfSupport: '2029-01-09',
    source: 'Microsoft Lifecycle (extended support)',
    url: 'https://learn.microsoft.com/lifecycle/products/windows-server-2019',
  },
  {
    platform: 'WINDOWS_SERVER_2022',
    name: 'Windows Server 2022',
    endOfSupport: '2031-10-14',
    source: 'Microsoft Lifecycle (extended support)',
    url: 'https://learn.microsoft.com/lifecycle/products/windows-server-2022',
  },
  {
    platform: 'AMAZON_LINUX2',
    name: 'Amazon Linux 2',
    endOfSupport: '2026-06-30',
    source: 'AWS Amazon Linux 2 FAQs',
    url: 'https://aws.amazon.com/amazon-linux-2/faqs/',
  },
  {
    platform: 'RHEL8',
    name: 'Red Hat Enterprise Linux 8',
    endOfSupport: '2029-05-31',
    source: 'Red Hat Enterprise Linux life cycle (maintenance support)',
    url: 'https://access.redhat.com/support/policy/updates/errata',
  },
  {
    platform: 'ROCKY_LINUX8',
    name: 'Rocky Linux 8',
    endOfSupport: '2029-05-31',
    source: 'Rocky Linux release guide (end of life)',
    url: 'https://wiki.rockylinux.org/rocky/version/',
  },
  {
    platform: 'UBUNTU_PRO_2404',
    name: 'Ubuntu 24.04 LTS',
    endOfSupport: '2029-04-30',
    source: 'Ubuntu release cycle (standard support, April 2029)',
    url: 'https://ubuntu.com/about/release-cycle',
  },
];

/** How long before the end a platform counts as near it. */
export const NEAR_END_MONTHS = 6;
const DAY_MS = 86_400_000;

export interface SupportStatus {
  readonly entry: PlatformSupport;
  /** `past`: the last day of support is over; `near`: it ends within NEAR_END_MONTHS. */
  readonly status: 'past' | 'near';
}

/** The platform's end of support when it is past or near at `now`; undefined when far or unknown. */
export function supportStatus(platform: string | undefined, now: number): SupportStatus | undefined {
  const entry = PLATFORM_SUPPORT.find((p) => p.platform === platform);
  if (!entry) return undefined;
  const lastDay = Date.parse(`${entry.endOfSupport}T00:00:00Z`);
  if (now >= lastDay + DAY_MS) return { entry, status: 'past' };
  const horizon = new Date(now);
  horizon.setUTCMonth(horizon.getUTCMonth() + NEAR_END_MONTHS);
  return lastDay <= horizon.getTime() ? { entry, status: 'near' } : undefined;
}
