/**
 * `npm start`: builds the server (build.mjs) and runs it, in this one process — so that signals reach
 * the server itself, not a shell in between.
 */
import { buildServer } from './build.mjs';

await buildServer();
// Node reads a module's source map only if maps are on when it loads: SOURCE_MAPS (config.ts; it
// follows DEBUG_ERRORS unless set) has to be known before the server is imported.
const wanted = process.env.SOURCE_MAPS || process.env.DEBUG_ERRORS;
if (wanted === 'true' || wanted === '1') process.setSourceMapsEnabled(true);
await import('../dist/main.mjs');
