/** `npm run seed`: loads the graph schema, the curated graph and the reference tables; idempotent. */

import { describeSummary } from '../graph/loader.ts';
import { seed } from '../graph/seed.ts';
import { withNeo4j } from './with-neo4j.ts';

await withNeo4j(async (executor, log) => {
  const started = Date.now();
  const summary = await seed(executor, {
    log,
    onProgress: (done, total) => {
      if (process.stderr.isTTY) process.stderr.write(`\rseeding: ${done}/${total}`);
    },
  });
  if (process.stderr.isTTY) process.stderr.write('\n');
  process.stdout.write(
    `Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n${describeSummary(summary)}\n`,
  );
  return 0;
});
