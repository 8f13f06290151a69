// Who may use the test controls (/_emulator/*), and the server's limits on connections and slow requests.
// A web page open in the developer's browser can send requests to 127.0.0.1: a cross-origin one carries its
// Origin, a DNS-rebinding one carries the attacker's Host, and a form or <img> cannot send a JSON body
// without a CORS preflight (which gets no CORS headers here). So: the endpoint's own Host, no foreign Origin,
// and state changes only by POST/PUT with Content-Type application/json.
import type * as http from 'node:http';
import type { Socket } from 'node:net';

/** Beyond it, new connections are closed at once (net.Server.maxConnections). */
export const MAX_CONNECTIONS = 256;
/** A request's headers and body must arrive within it (stalls the endpoint makes itself come after the body). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Controls that only read, and so may be fetched with GET. */
const READ_ONLY = new Set(['/_emulator/log', '/_emulator/peak-in-flight']);

export function controlRefusal(req: http.IncomingMessage, port: number): { status: number; error: string } | undefined {
  const own = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!own.includes(String(req.headers.host ?? '').toLowerCase())) {
    return { status: 403, error: `The Host header must be 127.0.0.1:${port} or localhost:${port}.` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !own.some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { status: 403, error: "The controls take requests from this endpoint's own origin only." };
  }
  if (req.method === 'GET' && READ_ONLY.has((req.url ?? '').split('?')[0])) return undefined;
  if (req.method !== 'POST' && req.method !== 'PUT') {
    return { status: 405, error: 'The controls take POST with a JSON body (log and peak-in-flight also GET).' };
  }
  const type = String(req.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  if (type !== 'application/json') return { status: 415, error: 'The controls take Content-Type: application/json.' };
  return undefined;
}

/** Closes at once a new connection beyond `cap` open ones. Those the endpoint holds on purpose (`held`: stall
 *  faults) do not count: a benchmark's chaos may hold many until their clients give up. */
export function capConnections(server: http.Server, cap: number, held: ReadonlySet<Socket>): void {
  const open = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    if (open.size - held.size >= cap) return void socket.destroy();
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  });
}
