// The endpoint's test controls over HTTP (/_emulator/*), for tests in another process (the end-to-end tier,
// the demo): the same controls as the Emulator's methods. A bad body gets a 400 with {error}; nothing throws.
// Only same-origin JSON requests are taken (guard.ts).
import type * as http from 'node:http';
import { controlRefusal } from './guard';
import { MAX_BODY_BYTES, parseJson, readBody } from './body';
import { chaosProblem, faultProblem, isObject, type Chaos, type Fault } from './faults';
import type { Emulator } from './server';

export async function handleControl(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const reply = (payload: unknown, status = 200, close = false): void => {
    const text = JSON.stringify(payload);
    res.writeHead(status, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...(close ? { Connection: 'close' } : {}),
    });
    res.end(text);
  };
  const bad = (error: string): void => reply({ error }, 400);
  // Refused before the body is read; the connection closes, so an unread body cannot be taken for a request.
  const refusal = controlRefusal(req, Number(new URL(emu.url).port));
  if (refusal) return reply({ error: refusal.error }, refusal.status, true);
  const body = await readBody(req);
  if (!body.ok) {
    return body.why === 'aborted'
      ? undefined
      : reply({ error: `The body is larger than ${MAX_BODY_BYTES} bytes.` }, 413, true);
  }
  const parsed = parseJson(body.text);
  if (!parsed.ok) return bad(parsed.problem);
  const arg = parsed.value;
  const ms = (): number | undefined => {
    const v = isObject(arg) ? arg.ms : undefined;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  const needMs = 'Expected {"ms": <milliseconds, a number of at least 0>}.';
  switch ((req.url ?? '').split('?')[0]) {
    case '/_emulator/log':
      return reply(emu.log);
    case '/_emulator/clear-log':
      emu.clearLog();
      return reply({});
    case '/_emulator/peak-in-flight':
      return reply({ peak: emu.peakInFlight });
    case '/_emulator/fault': {
      const problem = faultProblem(arg);
      if (problem) return bad(problem);
      emu.inject(arg as Fault);
      return reply({});
    }
    case '/_emulator/clear-faults':
      emu.clearFaults();
      return reply({});
    case '/_emulator/chaos': {
      // `null` turns chaos off; an object sets it.
      const problem = arg === null ? undefined : chaosProblem(arg);
      if (problem) return bad(problem);
      emu.chaos(arg === null ? undefined : (arg as Chaos));
      return reply({});
    }
    case '/_emulator/release-stalls':
      return reply({ released: emu.releaseStalls() });
    case '/_emulator/latency': {
      const v = ms();
      if (v === undefined) return bad(needMs);
      emu.latencyMs = v;
      return reply({});
    }
    case '/_emulator/copy-delay': {
      const v = ms();
      if (v === undefined) return bad(needMs);
      emu.world.copyDelayMs = v;
      return reply({});
    }
    case '/_emulator/clock-offset': {
      // AWS's clock ahead (+) or behind (-) the test's; unlike the other ms, it may be negative.
      const v = isObject(arg) ? arg.ms : undefined;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        return bad('Expected {"ms": <milliseconds AWS\'s clock is ahead (+) or behind (-)>}.');
      }
      emu.clockOffsetMs = v;
      return reply({});
    }
    case '/_emulator/settle':
      emu.world.settleAll();
      return reply({});
    case '/_emulator/reset':
      emu.reset();
      return reply({});
    default:
      return reply({ error: 'unknown control' }, 404);
  }
}
