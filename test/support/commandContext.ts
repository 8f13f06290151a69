// A CommandContext for command unit tests in plain mocha: the real Scope, ImageApi and UsageIndex against the
// local endpoint (profile "demo"), scripted prompts, and recorders for what the editor side would be told (the
// tree's redraws, the jobs handed to the tracker and the distributor, the log).
import type { CommandContext } from '../../src/commands/context';
import type { CopyJob } from '../../src/core/copyJobs';
import type { Distribution } from '../../src/core/distribution';
import type { ImageRecord } from '../../src/core/image';
import { DEFAULT_SETTINGS, type CloudImagesSettings } from '../../src/core/settingsRules';
import { ownedList, type ImageListKey } from '../../src/core/image';
import { Scope } from '../../src/aws/scope';
import { UsageIndex } from '../../src/aws/usage';
import type { Emulator } from '../emulator/server';
import { endpointKeys, isolatedAws, startEndpoint, type IsolatedAws } from './localAws';
import { ScriptedPrompts, type Answer } from './prompts';

export interface CommandHarness {
  readonly emu: Emulator;
  readonly ctx: CommandContext;
  /** Copies, updates and deletes handed to the tracker. */
  readonly tracked: CopyJob[];
  /** Distributions handed to the distributor. */
  readonly distributed: Distribution[];
  /** Every call to the refresh owner, as its method name. */
  readonly redraws: string[];
  /** The log's lines, as "level: text". */
  readonly logged: string[];
  /** New scripted prompts for the next flow (the previous ones' record is kept by whoever holds them). */
  answer(answers: Answer[]): ScriptedPrompts;
  /** Owned images of a list, as AWS lists them now. */
  owned(key: Pick<ImageListKey, 'service' | 'region'>): Promise<ImageRecord[]>;
  /** The image named `name` among the owned ones of a list, as a tree row would hand it to a command. */
  row(
    key: Pick<ImageListKey, 'service' | 'region'>,
    name: string,
  ): Promise<{ kind: 'image'; id: string; record: ImageRecord }>;
  settings: Partial<CloudImagesSettings>;
  dispose(): Promise<void>;
}

export async function commandHarness(): Promise<CommandHarness> {
  const emu = await startEndpoint({ scenario: 'default', copyDelayMs: 600_000 });
  const env: IsolatedAws = isolatedAws({
    config: ['[profile demo]', 'region = us-east-1'],
    credentials: ['[demo]', `aws_access_key_id = ${endpointKeys(emu).AWS_ACCESS_KEY_ID}`, 'aws_secret_access_key = x'],
    env: { AWS_ENDPOINT_URL: emu.url },
  });
  const tracked: CopyJob[] = [];
  const distributed: Distribution[] = [];
  const redraws: string[] = [];
  const logged: string[] = [];
  const h = { settings: {} as Partial<CloudImagesSettings> };
  const settings = (): CloudImagesSettings => ({
    ...DEFAULT_SETTINGS,
    profile: 'demo',
    regions: ['us-east-1', 'us-west-2'],
    ...h.settings,
  });
  const scope = new Scope(() => undefined, settings);
  const usage = new UsageIndex((profile) => scope.session(profile).api);
  const line = (level: string) => (text: string) => void logged.push(`${level}: ${text}`);
  const ctx = {
    prompts: new ScriptedPrompts([]),
    scope,
    usage,
    settings,
    log: {
      info: line('info'),
      warn: line('warn'),
      error: line('error'),
      trace: line('trace'),
      debug: line('debug'),
      show: () => undefined,
    },
    // Whatever the refresh owner is asked to redraw, by name: the tree itself is the integration tests' part.
    refreshes: new Proxy(
      {},
      {
        get:
          (_t, name) =>
          (..._args: unknown[]) =>
            void redraws.push(String(name)),
      },
    ),
    tracker: { add: (job: CopyJob) => void tracked.push(job), all: () => tracked },
    distributor: {
      start: async (d: Distribution) => void distributed.push(d),
      get: (id: string) => distributed.find((d) => d.id === id),
      all: () => distributed,
    },
  } as unknown as CommandContext;
  const owned = async (key: Pick<ImageListKey, 'service' | 'region'>): Promise<ImageRecord[]> => {
    const out: ImageRecord[] = [];
    for await (const page of scope.session().api.pages(ownedList({ profile: 'demo', ...key }), 25)) out.push(...page);
    return out;
  };
  return {
    emu,
    ctx,
    tracked,
    distributed,
    redraws,
    logged,
    owned,
    get settings() {
      return h.settings;
    },
    set settings(s) {
      h.settings = s;
    },
    answer(answers) {
      const p = new ScriptedPrompts(answers);
      ctx.prompts = p;
      return p;
    },
    async row(key, name) {
      const record = (await owned(key)).find((r) => r.name === name);
      if (!record) throw new Error(`${name} is not listed in ${key.region}`);
      return { kind: 'image', id: `${key.region}/${record.id}`, record };
    },
    async dispose() {
      scope.dispose();
      env.restore();
      await emu.stop();
    },
  };
}
