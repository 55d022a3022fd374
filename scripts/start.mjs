/**
 * `npm start`: builds the server (build.mjs) and runs it (dist/main.mjs) in this one process: no second
 * Node process between npm's shell and the server.
 */
import { buildServer } from './build.mjs';

await buildServer();
await import('../dist/main.mjs');
