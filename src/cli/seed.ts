/** `npm run seed`: loads the graph schema, the curated graph and the reference tables; idempotent. */

import type { LoadSummary } from '../graph/loader.ts';
import { seed } from '../graph/seed.ts';
import { withNeo4j } from './with-neo4j.ts';

function describe(summary: LoadSummary): string {
  return (['nodes', 'evidence', 'relations'] as const)
    .map((part) => {
      const t = summary[part];
      return `${part.padEnd(10)} ${String(t.created).padStart(6)} created ${String(t.updated).padStart(6)} updated ${String(t.unchanged).padStart(6)} unchanged`;
    })
    .join('\n');
}

await withNeo4j(async (executor) => {
  const started = Date.now();
  const summary = await seed(executor, {
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rseeding: ${done}/${total}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n${describe(summary)}\n`);
  return 0;
});
