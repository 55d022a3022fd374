/** The HTTP listener only: binds the app to HOST:PORT and stops it gracefully. */
import { createServer, type Server } from 'node:http';
import type { App } from './yoga.ts';

export async function listen(app: App, host: string, port: number): Promise<Server> {
  const server = createServer(app);
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
