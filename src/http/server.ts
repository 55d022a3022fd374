/**
 * The HTTP listener only: binds the app to HOST:PORT and stops it gracefully. Its bounds keep one
 * client from holding the server: a request (headers and body) must arrive within `requestTimeoutMs`
 * (a half-sent body is cut off with 408, not held for Node's default five minutes), and at most
 * `maxConnections` sockets are open at once (more are closed as they come, before they cost a file
 * descriptor for long).
 */
import { createServer, type Server } from 'node:http';
import type { App } from './yoga.ts';

export interface ListenerLimits {
  requestTimeoutMs: number;
  maxConnections: number;
}

export const DEFAULT_LISTENER_LIMITS: ListenerLimits = { requestTimeoutMs: 15_000, maxConnections: 1_024 };

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
    app,
  );
  server.maxConnections = limits.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${host} is already in use (another hitech-kg?). Stop it, or set PORT=<free port>.`,
            )
          : error,
      ),
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
