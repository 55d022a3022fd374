/**
 * `npm run build` (`npm start` builds first): the server as two ES modules in dist/ — main.mjs and the
 * analyst worker — with our TypeScript bundled and every package left to node_modules. Running the
 * bundle instead of the sources through tsx spares the server tsx's loader thread (about 45 MiB of RSS
 * at idle) and its compiling at every start; it takes well under a second. `npm run dev` still runs
 * the sources (tsx watch). Plain JavaScript, so that it needs nothing compiled to run.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds in memory, then replaces each file of dist/ that changed by a rename: two servers starting at
 * once (tests, a second instance) never import a half-written file.
 */
export async function buildServer() {
  const { outputFiles } = await build({
    absWorkingDir: ROOT,
    entryPoints: { main: 'src/main.ts', 'analyst-worker': 'src/neo4j/analyst-worker.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Stack traces point at the TypeScript lines with `node --enable-source-maps` (SOURCE_MAPS).
    sourcemap: 'linked',
    logLevel: 'warning',
    write: false,
  });
  await mkdir(path.join(ROOT, 'dist'), { recursive: true });
  for (const file of outputFiles) {
    const current = await readFile(file.path).catch(() => null);
    if (current?.equals(file.contents)) continue;
    const temporary = `${file.path}.${process.pid}.tmp`;
    await writeFile(temporary, file.contents);
    await rename(temporary, file.path);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  await buildServer();
  process.stderr.write(`built dist/main.mjs in ${Math.round(performance.now() - started)} ms\n`);
}
