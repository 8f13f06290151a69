// AppStream image builder operations over the emulated world: DescribeImageBuilders (by name or all, paged),
// StartImageBuilder (STOPPED -> PENDING -> RUNNING after the copy delay, or FAILED for a builder seeded to fail),
// StopImageBuilder (RUNNING -> STOPPING -> STOPPED), DeleteImageBuilder (-> DELETING -> gone after the delete
// delay) and CreateImageBuilderStreamingURL (a fake URL that is recognisably a secret).
//
// Which state each operation accepts follows AWS's Administration Guide ("Image Builder Actions": Start needs
// Stopped, Stop and Connect Running, Delete Stopped; nothing in an intermediate state). (inf) Which modeled error
// AWS answers for a wrong state is not documented: an intermediate state answers ConcurrentModificationException
// ("wait a few minutes and try again"), a state at rest that does not allow it answers StartImageBuilder's
// ResourceNotAvailableException or the others' OperationNotPermittedException. A FAILED builder may be deleted.

import { randomBytes } from 'node:crypto';
import { AwsError, asNotFound, validation } from './errors';
import { Pager } from './paging';
import type { AsUser, Json, World } from './state';

interface Call {
  region: string;
  input: Json;
}

const PAGE = 25;
/** The agent a builder gets when it is started on the newest agent (as the scenario's up-to-date images have). */
export const LATEST_BUILDER_AGENT = '1.1.1500';
const AT_REST = new Set(['RUNNING', 'STOPPED', 'FAILED']);

export class BuilderService {
  private readonly pager: Pager;
  constructor(private readonly world: World) {
    this.pager = new Pager(() => world.now());
  }

  readonly operations: Record<string, (c: Call) => Json> = {
    DescribeImageBuilders: (c) => this.describe(c),
    StartImageBuilder: (c) => this.start(c),
    StopImageBuilder: (c) => this.stop(c),
    DeleteImageBuilder: (c) => this.delete(c),
    CreateImageBuilderStreamingURL: (c) => this.streamingUrl(c),
  };

  private builders(region: string): Map<string, AsUser> {
    return this.world.settled(region).imageBuilders;
  }

  /**
   * Unknown names: ResourceNotFoundException, as AWS answers. MaxResults has no modeled bounds: the endpoint takes
   * DescribeImages's 0-25, so a negative or huge page size is refused rather than paged for ever; 25 when 0 or absent.
   */
  private describe({ region, input }: Call): Json {
    const all = this.builders(region);
    const names = input.Names as string[] | undefined;
    const matched = names
      ? names.map((n) => {
          const b = all.get(n);
          if (!b) throw asNotFound(`The image builder ${n} could not be found.`);
          return b;
        })
      : [...all.values()].sort((a, b) => a.Name.localeCompare(b.Name));
    const asked = input.MaxResults as number | undefined;
    if (asked !== undefined && (asked < 0 || asked > PAGE)) {
      throw validation(
        `Value ${asked} at 'maxResults' failed to satisfy constraint: Member must have value ${asked < 0 ? 'greater than or equal to 0' : `less than or equal to ${PAGE}`}`,
      );
    }
    const page = this.pager.page(
      matched,
      JSON.stringify(['imageBuilders', region, names]),
      asked || PAGE,
      input.NextToken as string | undefined,
    );
    return { ImageBuilders: page.items, ...(page.next ? { NextToken: page.next } : {}) };
  }

  private named(region: string, name: string): AsUser {
    const b = this.builders(region).get(name);
    if (!b) throw asNotFound(`The image builder ${name} could not be found.`);
    return b;
  }

  /** A builder on its way somewhere: AWS asks to wait. */
  private busy(b: AsUser): AwsError | undefined {
    return AT_REST.has(b.State)
      ? undefined
      : new AwsError(
          'ConcurrentModificationException',
          `The image builder ${b.Name} is ${b.State}. Wait until it is running or stopped, then try again.`,
        );
  }

  private start({ region, input }: Call): Json {
    const b = this.named(region, input.Name as string);
    const busy = this.busy(b);
    if (busy) throw busy;
    if (b.State !== 'STOPPED') {
      throw new AwsError(
        'ResourceNotAvailableException',
        `The image builder ${b.Name} cannot be started: its state is ${b.State}.`,
      );
    }
    const sim = this.world.builderSim(region, b.Name);
    if (sim.incompatible) throw new AwsError('IncompatibleImageException', sim.incompatible);
    const agent = input.AppstreamAgentVersion as string | undefined;
    if (agent) {
      b.AppstreamAgentVersion = agent;
      b.LatestAppstreamAgentVersion = agent === LATEST_BUILDER_AGENT ? 'TRUE' : 'FALSE';
    }
    delete b.StateChangeReason;
    delete b.ImageBuilderErrors;
    b.State = 'PENDING';
    sim.transition = { at: this.world.now() + this.world.copyDelayMs, to: sim.startFails ? 'FAILED' : 'RUNNING' };
    return { ImageBuilder: b };
  }

  private stop({ region, input }: Call): Json {
    const b = this.named(region, input.Name as string);
    const busy = this.busy(b);
    if (busy) throw busy;
    if (b.State !== 'RUNNING') {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image builder ${b.Name} cannot be stopped: its state is ${b.State}.`,
      );
    }
    b.State = 'STOPPING';
    this.world.builderSim(region, b.Name).transition = {
      at: this.world.now() + this.world.copyDelayMs,
      to: 'STOPPED',
    };
    return { ImageBuilder: b };
  }

  private delete({ region, input }: Call): Json {
    const b = this.named(region, input.Name as string);
    const busy = this.busy(b);
    if (busy) throw busy;
    if (b.State === 'RUNNING') {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image builder ${b.Name} is running. Stop it before deleting it.`,
      );
    }
    b.State = 'DELETING';
    this.world.builderSim(region, b.Name).transition = {
      at: this.world.now() + this.world.deleteDelayMs,
      to: 'GONE',
    };
    return { ImageBuilder: b };
  }

  /**
   * (inf) Validity's bounds (1-604800, default 3600) come from the API reference, not the model: answered as a
   * ValidationException like the modeled constraints.
   */
  private streamingUrl({ region, input }: Call): Json {
    const asked = input.Validity as number | undefined;
    if (asked !== undefined && (asked < 1 || asked > 604800)) {
      throw validation(
        `Value ${asked} at 'validity' failed to satisfy constraint: Member must have value ${asked < 1 ? 'greater than or equal to 1' : 'less than or equal to 604800'}`,
      );
    }
    const b = this.named(region, input.Name as string);
    if (b.State !== 'RUNNING') {
      throw new AwsError(
        'OperationNotPermittedException',
        `The image builder ${b.Name} is not running: its state is ${b.State}.`,
      );
    }
    const validity = (input.Validity as number | undefined) ?? 3600;
    return {
      StreamingURL: `https://appstream2.${region}.aws.amazon.com/authenticate?parameters=SECRET-${randomBytes(16).toString('hex')}`,
      Expires: (this.world.now() + validity * 1000) / 1000,
    };
  }
}
