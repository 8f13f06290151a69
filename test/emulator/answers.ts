// Answers that go wrong after the work was done and a 200 status was sent: what a proxy or a flaky network can
// do to a real AWS answer. The client cannot tell whether its call took effect, which is the point.
// - stall-after-headers: 200 headers (Content-Length of the whole body) and half the body, then nothing; the
//   socket stays open until the client leaves or the endpoint releases its stalls or stops.
// - drop-mid-body: 200 headers and half the body, then a connection reset.
// - bad-body: a complete 200 whose body is not JSON (an HTML error page from something in between).

import type * as http from 'node:http';
import type { Socket } from 'node:net';

export const BROKEN_ANSWERS = ['stall-after-headers', 'drop-mid-body', 'bad-body'] as const;
export type BrokenAnswer = (typeof BROKEN_ANSWERS)[number];

/** What the request log says of each. */
export const BROKEN_ANSWER_ERRORS: Record<BrokenAnswer, string> = {
  'stall-after-headers': 'StalledAfterHeaders',
  'drop-mid-body': 'DroppedMidBody',
  'bad-body': 'BadBody',
};

export const isBrokenAnswer = (kind: unknown): kind is BrokenAnswer => BROKEN_ANSWERS.includes(kind as BrokenAnswer);

/** Sends `text` (the real answer) broken as `kind`. `hold` keeps a stalled socket so it can be released later. */
export function sendBroken(
  kind: BrokenAnswer,
  res: http.ServerResponse,
  headers: Record<string, string | number>,
  text: string,
  hold: (s: Socket) => void,
): void {
  if (kind === 'bad-body') {
    const page = '<html><body><h1>502 Bad Gateway</h1>proxy error</body></html>';
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(page) });
    res.end(page);
    return;
  }
  const whole = Buffer.from(text, 'utf8');
  const half = whole.subarray(0, Math.max(1, Math.floor(whole.length / 2)));
  const socket = res.socket;
  res.writeHead(200, { ...headers, 'Content-Length': whole.length });
  if (kind === 'stall-after-headers') {
    if (socket) hold(socket);
    res.write(half);
    return;
  }
  // Reset only once the half is on the wire, so the client really sees a body cut short.
  res.write(half, () => socket?.resetAndDestroy());
}
