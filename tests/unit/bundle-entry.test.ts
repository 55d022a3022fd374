/**
 * The bundle's entry (dist/main.mjs, what `npm start` and the Docker image run) turns source maps on
 * before the server module loads when SOURCE_MAPS (or DEBUG_ERRORS) asks: Node reads a module's map
 * only if maps are on when it loads, so turning them on later (main.ts) maps nothing in the bundle.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromRoot } from '../../src/project-root.ts';

// Prints, as the process exits, whether source maps are on.
const PROBE = `data:text/javascript,process.on('exit', () => console.log('maps:' + process.sourceMapsEnabled))`;

/** Runs the bundle with a configuration that stops it at once (exit 2), and reads the probe. */
function mapsOn(env: Record<string, string>): string | undefined {
  const run = spawnSync(process.execPath, ['--import', PROBE, fromRoot('dist', 'main.mjs')], {
    env: { PATH: process.env.PATH ?? '', PORT: 'not-a-port', ...env },
    encoding: 'utf8',
  });
  expect(run.status).toBe(2);
  return /maps:(\w+)/.exec(run.stdout)?.[1];
}

describe('the bundle’s entry', () => {
  beforeAll(() => {
    execFileSync(process.execPath, [fromRoot('scripts', 'build.mjs')], { stdio: 'ignore' });
  });

  it('turns source maps on before the server loads when SOURCE_MAPS or DEBUG_ERRORS says so', () => {
    expect(mapsOn({ SOURCE_MAPS: 'true' })).toBe('true');
    expect(mapsOn({ DEBUG_ERRORS: 'true' })).toBe('true');
    expect(mapsOn({})).toBe('false');
  });
});
