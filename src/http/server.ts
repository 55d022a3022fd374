/**
 * The HTTP listener only: binds the app to HOST:PORT and stops it gracefully. Its bounds keep one
 * client from holding the server: a request (headers and body) must arrive within `requestTimeoutMs`
 * (a half-sent body is cut off with 408, not held for Node's default five minutes); at most
 * `maxConnectionsPerClient` sockets are open from one address, so that one client cannot take all of
 * them; and at most `maxConnections` in all (more are closed as they come, before they cost a file
 * descriptor for long).
 */
import { createServer, type Server } from 'node:http';
import { LISTENER_DEFAULTS } from '../config.ts';
import type { App } from './yoga.ts';

export interface ListenerLimits {
  requestTimeoutMs: number;
  maxConnections: number;
  maxConnectionsPerClient: number;
}

export const DEFAULT_LISTENER_LIMITS: ListenerLimits = LISTENER_DEFAULTS;

/**
 * The request target as a path ("/graphql?…"), which is what the fetch adapter can read: an absolute
 * URL (as sent to proxies) is cut to its path; "*" and anything else is null. The adapter throws on
 * those, and answers with its stack trace in plain text.
 */
export function originForm(target: string): string | null {
  if (target.startsWith('/')) return target;
  if (!/^https?:\/\//i.test(target)) return null;
  try {
    const url = new URL(target);
    return `${url.pathname}${url.search}`;
  } catch {
    return null;
  }
}

/** Closes a new socket when its address already holds `max` open ones. */
function limitPerClient(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}

/** The port is taken: a start-up problem to report plainly (main.ts), not a crash with a stack. */
export class PortInUseError extends Error {
  override name = 'PortInUseError';
  constructor(
    readonly host: string,
    readonly port: number,
    options?: { cause: unknown },
  ) {
    super(
      `Port ${port} on ${host} is already in use (another hitech-kg?). Stop it, or set PORT=<free port>.`,
      options,
    );
  }
}

export async function listen(
  app: App,
  host: string,
  port: number,
  limits: ListenerLimits = DEFAULT_LISTENER_LIMITS,
): Promise<Server> {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.requestTimeoutMs, 10_000),
      // Node checks both timeouts on this period (30 s by default): too coarse for a 15 s bound.
      connectionsCheckingInterval: Math.max(250, Math.min(1_000, limits.requestTimeoutMs / 4)),
    },
    (request, response) => {
      const target = originForm(request.url ?? '');
      if (target === null) {
        response.writeHead(400, { 'content-type': 'application/json; charset=utf-8' });
        response.end(
          JSON.stringify({
            errors: [
              {
                message: 'The request target must be a path, e.g. /graphql.',
                extensions: { code: 'BAD_REQUEST' },
              },
            ],
          }),
        );
        return;
      }
      request.url = target;
      // HEAD is GET without the body (RFC 9110 §9.3.2); yoga knows only GET and POST, so /graphql
      // answered it 405. node:http leaves the body out itself: `response` was made for a HEAD.
      if (request.method === 'HEAD') request.method = 'GET';
      void app(request, response);
    },
  );
  server.maxConnections = limits.maxConnections;
  limitPerClient(server, limits.maxConnectionsPerClient);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(host, port, { cause: error }) : error),
    );
    server.listen(port, host, resolve);
  });
  return server;
}

/** Stops accepting connections and lets in-flight requests finish, up to `graceMs`. */
export async function close(server: Server, graceMs = 10_000): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}
