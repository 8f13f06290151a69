// The one HTTP handler of a profile's clients: one keep-alive connection pool shared by every client of the
// profile (a client per service and region would otherwise open its own connections), and a deadline on the
// whole answer of each attempt. NodeHttpHandler's own request timeout ends when the headers arrive and it sets
// no socket timeout (shared AWS-API.md section 7), so a body that stalls after the headers would wait for ever:
// here a timer runs from the attempt's start until the body has been read, whatever the handler does.

import type { HttpRequest, HttpResponse } from '@smithy/types';
import { CONNECT_TIMEOUT_MS } from '../core/deadlines';

interface Handled {
  response: HttpResponse;
}

interface Inner {
  handle(request: HttpRequest, options?: { abortSignal?: AbortSignal; requestTimeout?: number }): Promise<Handled>;
  destroy(): void;
}

interface BodyStream {
  destroy(error?: Error): void;
  once(event: 'close', listener: () => void): void;
  readonly destroyed?: boolean;
  readonly readableEnded?: boolean;
}

/** The error an answer that took too long ends with: core/errors words it as "AWS did not answer in 15 s". */
export function answerTimeout(ms: number): Error {
  return Object.assign(new Error(`AWS's answer did not arrive in full within ${ms} ms`), {
    name: 'TimeoutError',
    code: 'ETIMEDOUT',
  });
}

const isStream = (b: unknown): b is BodyStream =>
  typeof b === 'object' &&
  b !== null &&
  typeof (b as BodyStream).destroy === 'function' &&
  typeof (b as BodyStream).once === 'function';

/**
 * Given to every client of a profile as its requestHandler. A client's destroy() calls the handler's destroy(),
 * which would tear down the connections other clients are using: so destroy() does nothing here, and the pool
 * calls close() once no client of this transport has a request in flight (clients.ts).
 */
export class Transport {
  readonly metadata = { handlerProtocol: 'http/1.1' };
  private inner: Promise<Inner> | undefined;
  private closed = false;

  /** `answerMs`: the whole answer's deadline (tests pass a small one; the product RESPONSE_TIMEOUT_MS). */
  constructor(private readonly answerMs: number) {}

  async handle(
    request: HttpRequest,
    options: { abortSignal?: AbortSignal; requestTimeout?: number } = {},
  ): Promise<Handled> {
    const inner = await this.handler();
    const ms = this.answerMs;
    const ac = new AbortController();
    const outer = options.abortSignal;
    const onOuterAbort = (): void => ac.abort(outer?.reason);
    if (outer?.aborted) onOuterAbort();
    else outer?.addEventListener('abort', onOuterAbort, { once: true });
    return new Promise<Handled>((resolve, reject) => {
      let body: BodyStream | undefined;
      const done = (): void => {
        clearTimeout(timer);
        outer?.removeEventListener('abort', onOuterAbort);
      };
      const timer = setTimeout(() => {
        const err = answerTimeout(ms);
        // Headers came: fail the body, so the SDK's read of it ends with this error (its status stays on the
        // error: a write whose answer stalled mid-body is "outcome unknown"). No headers yet: fail the attempt.
        if (body) body.destroy(err);
        else reject(err);
        ac.abort(err);
        done();
      }, ms);
      inner.handle(request, { ...options, abortSignal: ac.signal }).then(
        (out) => {
          const b = out.response.body as unknown;
          if (isStream(b) && !b.destroyed && !b.readableEnded) {
            body = b;
            b.once('close', done);
          } else done();
          resolve(out);
        },
        (e: unknown) => {
          done();
          reject(e);
        },
      );
    });
  }

  /** Called by each client's destroy(): the connections are the pool's, closed by close(). */
  destroy(): void {
    // Nothing: see the class comment.
  }

  /** Closes the connection pool; a request sent after this opens a new one (it should not happen). */
  close(): void {
    this.closed = true;
    void this.inner?.then(
      (h) => h.destroy(),
      () => undefined,
    );
    this.inner = undefined;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** A client may pass its logger here: the shared handler keeps one configuration for all its clients. */
  updateHttpClientConfig(): void {
    // Nothing: the handler's settings are the same for every client of the profile.
  }

  httpHandlerConfigs(): Record<string, unknown> {
    return {};
  }

  private handler(): Promise<Inner> {
    this.inner ??= import('@smithy/node-http-handler').then(
      ({ NodeHttpHandler }) =>
        new NodeHttpHandler({
          connectionTimeout: CONNECT_TIMEOUT_MS,
          // Headers within the same deadline (the timer above bounds the rest); an error, not a logged warning.
          requestTimeout: this.answerMs,
          throwOnRequestTimeout: true,
        }) as unknown as Inner,
    );
    return this.inner;
  }
}
