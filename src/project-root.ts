/**
 * The project's root folder (the one holding package.json), found from this module's place: src/
 * when run through tsx, dist/ when run from the bundle `npm start` builds (scripts/build.ts). Files the
 * server reads at run time (cypher/, data/, the Explorer's and GraphiQL's files) are found from it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function rootAbove(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No package.json above ${file}: is the project whole?`);
  }
}

export const PROJECT_ROOT = rootAbove(fileURLToPath(import.meta.url));

/** A path inside the project, e.g. fromRoot('data', 'reference'). */
export const fromRoot = (...parts: string[]): string => path.join(PROJECT_ROOT, ...parts);
