/**
 * The README's "Using it from a frontend" blocks, as they are: each follows an HTML comment
 * `<!-- frontend:<name> … -->`. A TypeScript block is written to tests/clients/.readme/ (git-ignored)
 * beside the files it imports (the generated schema/*.json, copied as the README says) and imported.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = new URL('../../', import.meta.url);
export const README_DIR = fileURLToPath(new URL('./.readme/', import.meta.url));

export function readmeBlock(name: string): string {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const at = readme.indexOf(`<!-- frontend:${name} `);
  if (at < 0) throw new Error(`README.md has no block frontend:${name}`);
  const block = /```\w*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block?.[1]) throw new Error(`README.md: no code block after frontend:${name}`);
  return block[1];
}

/**
 * Writes the block to `<dir>/<name>.ts`, with the schema files it may import beside it (each test
 * file its own directory: they run in parallel).
 */
export function writeReadmeBlock(name: string, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const file of ['possible-types.json', 'cache-policies.json']) {
    copyFileSync(new URL(`schema/${file}`, root), `${dir}${file}`);
  }
  writeFileSync(`${dir}${name}.ts`, readmeBlock(name));
}

/** Writes the block to .readme/<name>.ts and imports it. */
export async function importReadmeBlock<T>(name: string): Promise<T> {
  writeReadmeBlock(name, README_DIR);
  // A file URL and @vite-ignore: vite resolves `./.readme/${name}.ts` only among files that exist when
  // it transforms this module, and on a clean clone they are written later, by this function.
  return (await import(/* @vite-ignore */ pathToFileURL(`${README_DIR}${name}.ts`).href)) as T;
}
