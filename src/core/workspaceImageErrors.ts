// What each ErrorDetails code of a WorkSpaces image means (the model's WorkspaceImageErrorDetailCode), one short
// sentence each: AWS gives the code of each check the image failed (a BYOL import's validation, an image made
// from a WorkSpace), often with no message a user can act on.

export const IMAGE_ERROR_DETAIL_WORDS: Readonly<Record<string, string>> = {
  OutdatedPowershellVersion: 'PowerShell is too old: install a newer version.',
  OfficeInstalled: 'Microsoft Office is installed: remove it (WorkSpaces installs Office itself).',
  PCoIPAgentInstalled: 'The PCoIP agent is installed: uninstall it.',
  WindowsUpdatesEnabled: 'Windows Update is enabled: turn it off before the import.',
  AutoMountDisabled: 'Automount of new volumes is disabled: turn it on.',
  WorkspacesBYOLAccountNotFound: 'This account is not enabled for BYOL WorkSpaces.',
  WorkspacesBYOLAccountDisabled: 'BYOL is disabled for this account.',
  DHCPDisabled: 'DHCP is disabled on the network interface: turn it on.',
  DiskFreeSpace: 'The disk has too little free space.',
  AdditionalDrivesAttached: 'More drives are attached: detach all but the system drive.',
  OSNotSupported: 'This operating system version is not supported.',
  DomainJoined: 'The machine is joined to a domain: remove it from the domain.',
  AzureDomainJoined: 'The machine is joined to Microsoft Entra ID (Azure AD): remove it.',
  FirewallEnabled: 'The Windows firewall is on for a profile: turn it off.',
  VMWareToolsInstalled: 'VMware Tools are installed: uninstall them.',
  DiskSizeExceeded: 'The system disk is larger than WorkSpaces allows.',
  IncompatiblePartitioning: 'The disk partitioning is not supported (use a single MBR system partition).',
  PendingReboot: 'A reboot is pending: restart the machine first.',
  AutoLogonEnabled: 'Automatic logon is enabled: turn it off.',
  RealTimeUniversalDisabled: 'RealTimeIsUniversal is not set in the registry: set it.',
  MultipleBootPartition: 'The disk has more than one boot partition.',
  Requires64BitOS: 'The operating system must be 64-bit.',
  ZeroRearmCount: 'Windows has no rearm count left: Sysprep cannot run.',
  InPlaceUpgrade: 'Windows was upgraded in place: start from a fresh installation.',
  AntiVirusInstalled: 'Antivirus software is installed: uninstall it.',
  UEFINotSupported: 'The image boots with UEFI, which this import does not support.',
  UnknownError: 'AWS reports an unknown error.',
  AppXPackagesInstalled: 'AppX packages are installed that block Sysprep: remove them.',
  ReservedStorageInUse: 'Windows reserved storage is in use: turn it off.',
  AdditionalDrivesPresent: 'More drives are present: keep only the system drive.',
  WindowsUpdatesRequired: 'Windows updates are required: install them first.',
  SysPrepFileMissing: 'The Sysprep file is missing.',
  UserProfileMissing: 'A user profile is missing.',
  InsufficientDiskSpace: 'There is not enough disk space.',
  EnvironmentVariablesPathMissingEntries: 'The PATH environment variable lacks required entries.',
  DomainAccountServicesFound: 'Services run as a domain account: change them to local accounts.',
  InvalidIp: 'The IP configuration is not valid.',
  RemoteDesktopServicesDisabled: 'Remote Desktop Services is disabled: turn it on.',
  WindowsModulesInstallerDisabled: 'The Windows Modules Installer service is disabled: turn it on.',
  AmazonSsmAgentEnabled: 'The Amazon SSM agent is enabled: turn it off.',
  UnsupportedSecurityProtocol: 'A security protocol setting is not supported.',
  MultipleUserProfiles: 'There is more than one user profile: keep only one.',
  StagedAppxPackage: 'A staged AppX package blocks Sysprep: remove it.',
  UnsupportedOsUpgrade: 'The operating system was upgraded in a way that is not supported.',
  InsufficientRearmCount: 'Windows has too few rearms left for Sysprep.',
  ProtocolOSIncompatibility: 'The chosen protocol does not work with this operating system.',
  MemoryIntegrityIncompatibility: 'Memory integrity (core isolation) is on: turn it off.',
  RestrictedDriveLetterInUse: 'A drive letter WorkSpaces reserves (such as D:) is in use.',
};

/** The code in words, or undefined for a code this version does not know (shown as AWS gave it). */
export function imageErrorDetailWords(code: string | undefined): string | undefined {
  return code && Object.hasOwn(IMAGE_ERROR_DETAIL_WORDS, code) ? IMAGE_ERROR_DETAIL_WORDS[code] : undefined;
}

/**
 * The modeled refusals of CreateWorkspaceImage ('create') and ImportWorkspaceImage ('import'), as what to do next:
 * describeFailure (errors.ts) uses them when its context names one.
 */
export function workSpaceImageRefusal(
  f: { name: string; message: string; reason?: string },
  where: string,
  which: 'create' | 'import',
): { kind: 'not-found' | 'not-available' | 'limit' | 'already-exists' | 'incompatible'; message: string } | undefined {
  const msg = f.message.trim().length > 300 ? `${f.message.trim().slice(0, 297)}…` : f.message.trim();
  switch (f.name) {
    case 'InvalidResourceStateException':
      return {
        kind: 'not-available',
        message: `${msg} AWS makes an image only of a WorkSpace that is available or stopped: wait until it is, then try again. Nothing was created.`,
      };
    case 'ResourceNotFoundException':
      return which === 'create'
        ? { kind: 'not-found', message: `${msg} The WorkSpace may have been removed${where}. Nothing was created.` }
        : {
            kind: 'not-found',
            message: `${msg} Check the AMI ID: the AMI must exist${where || ' in this region'} and be owned by or shared with this account. Nothing was imported.`,
          };
    case 'ResourceLimitExceededException':
      return {
        kind: 'limit',
        message: `${msg} The account has as many WorkSpaces images${where} as AWS allows: delete an image you no longer need, or request a higher quota. Nothing was created.`,
      };
    case 'ResourceAlreadyExistsException':
      return { kind: 'already-exists', message: `${msg} Choose another name. Nothing was created.` };
    case 'OperationNotSupportedException':
      return {
        kind: 'incompatible',
        message:
          which === 'create'
            ? `AWS cannot make an image of this WorkSpace${f.reason ? ` (${f.reason})` : ''}: ${msg} Nothing was created.`
            : `AWS cannot import this AMI${f.reason ? ` (${f.reason})` : ''}: ${msg} BYOL imports need a BYOL-enabled account and a supported Windows 10 or 11 AMI. Nothing was imported.`,
      };
  }
  return undefined;
}
