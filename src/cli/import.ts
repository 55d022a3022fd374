/**
 * `npm run import -- <file.json|file.csv> [--dry-run | --bulk]`: validates a file of facts (every row,
 * before anything is written), then loads it idempotently. docs/import-export.md describes the formats.
 * With --bulk the file goes into an empty database by the bulk path (bulk-loader.ts: CREATE in large
 * batches, the graph schema after), after the same validation; a database that holds nodes is refused.
 *
 * Exit codes: 0 imported (or valid, with --dry-run); 1 the file has problems (each printed as
 * `<file>:<line>: ...`, nothing written) or the load failed; 2 usage or configuration.
 * The summary goes to stdout; problems, progress and logs to stderr.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { assertEmpty, bulkLoadFacts } from '../graph/bulk-loader.ts';
import { applyHeadlines } from '../graph/claims.ts';
import { uniqueKeys } from '../graph/entity-keys.ts';
import type { FactDocument } from '../graph/facts.ts';
import {
  formatProblem,
  importFormatOf,
  type ParsedImport,
  parseImportFile,
  referenceProblems,
  sortProblems,
  storeKeyProblems,
} from '../graph/import/index.ts';
import { keyConflicts } from '../graph/key-conflicts.ts';
import {
  BATCH_SIZE,
  describeSummary,
  type LoadSummary,
  loadFacts,
  missingReferences,
} from '../graph/loader.ts';
import { withCurrentKeys } from '../graph/lookup.ts';
import { prepareStore } from '../graph/prepare-store.ts';
import type { Executor, Tx } from '../neo4j/executor.ts';
import { withNeo4j } from './with-neo4j.ts';

const USAGE = 'Usage: npm run import -- <file.json|file.csv> [--dry-run | --bulk]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArguments(): { file: string; dryRun: boolean; bulk: boolean } {
  const parse = () =>
    parseArgs({
      options: {
        'dry-run': { type: 'boolean' },
        bulk: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    usage((error as Error).message);
  }
  if (parsed.values.help) {
    process.stdout.write(
      `${USAGE}\n\nValidates every row of the file, then writes it (nothing is written if any row is wrong).\n` +
        '  --dry-run   validate and report what would be created, updated and left unchanged; write nothing\n' +
        '  --bulk      into an empty database only: create everything in large batches, the schema after\n' +
        '              (tens of thousands of relationships a second; the same validation and graph)\n' +
        'Formats: docs/import-export.md\n',
    );
    process.exit(0);
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) usage('No file given.');
  if (extra.length) usage(`One file at a time (also given: ${extra.join(' ')}).`);
  if (!importFormatOf(file)) usage(`${file}: unknown extension; give a .json or a .csv file.`);
  if (!existsSync(file)) usage(`${file}: no such file.`);
  if (!statSync(file).isFile()) usage(`${file}: not a file.`);
  const dryRun = parsed.values['dry-run'] === true;
  const bulk = parsed.values.bulk === true;
  if (dryRun && bulk) usage('--dry-run and --bulk exclude each other.');
  return { file, dryRun, bulk };
}

function printProblems(file: string, problems: ParsedImport['problems']): void {
  const lines = problems.map((p) => `${formatProblem(file, p)}\n`).join('');
  process.stderr.write(
    `${lines}${problems.length} problem${problems.length === 1 ? '' : 's'} in ${file}; nothing was written.\n`,
  );
}

/**
 * Progress on stderr for files of more than one batch: `\r` updates on a terminal, else a line each
 * time another BATCH_SIZE items are written.
 */
function progress(verb: string): (done: number, total: number) => void {
  let shown = 0;
  return (done, total) => {
    if (total <= BATCH_SIZE) return;
    if (process.stderr.isTTY) {
      process.stderr.write(`\r${verb}: ${done}/${total}${done === total ? '\n' : ''}`);
    } else if (Math.floor(done / BATCH_SIZE) > Math.floor(shown / BATCH_SIZE) || done === total) {
      process.stderr.write(`${verb}: ${done}/${total}\n`);
      shown = done;
    }
  };
}

class DryRunRollback extends Error {
  constructor(readonly summary: LoadSummary) {
    super('dry run: rolled back');
  }
}

/**
 * What the import would do, exactly: the real load, inside one transaction that is then rolled back
 * (throwing out of the unit of work rolls it back). Nothing is committed.
 */
async function dryRun(executor: Executor, document: FactDocument): Promise<LoadSummary> {
  try {
    await executor.writeTx(async (tx: Tx) => {
      // Every batch of the load joins this one transaction.
      const inTransaction = { writeTx: <T>(work: (t: Tx) => Promise<T>) => work(tx) };
      throw new DryRunRollback(
        await loadFacts(inTransaction, document, { onProgress: progress('checking') }),
      );
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.summary;
    throw error;
  }
  throw new Error('The dry run was not rolled back.');
}

const { file, dryRun: isDryRun, bulk } = readArguments();
const format = importFormatOf(file) ?? 'json';
const parsed = parseImportFile(readFileSync(file, 'utf8'), format);

// A file that yields nothing (empty, not JSON, not CSV, a wrong header) needs no database to judge.
if (parsed.problems.length && parsed.document.nodes.length === 0 && parsed.document.relations.length === 0) {
  printProblems(file, parsed.problems);
  process.exit(1);
}

await withNeo4j(async (executor) => {
  // A former key two nodes of the file hold cannot be made unique (uniqueKeys would refuse it).
  if (parsed.problems.some((p) => p.code === 'former-key-taken')) {
    printProblems(file, parsed.problems);
    return 1;
  }
  // Before the reference check: into an empty database every reference must be in the file.
  if (bulk) await assertEmpty(executor);
  // Keys as the store has them now: unique across labels, former keys followed (entity-keys.ts).
  const document = await withCurrentKeys(executor, uniqueKeys(applyHeadlines(parsed.document)).doc);
  const missing = await missingReferences(executor, document);
  const conflicts = await keyConflicts(executor, document);
  const problems = sortProblems([
    ...parsed.problems,
    ...referenceProblems(parsed, missing),
    ...storeKeyProblems(parsed, conflicts),
  ]);
  if (problems.length) {
    printProblems(file, problems);
    return 1;
  }
  const counts = `${document.nodes.length} nodes and ${document.relations.length} relations`;
  const started = Date.now();
  if (isDryRun) {
    const summary = await dryRun(executor, document);
    process.stdout.write(
      `Dry run: ${file} is valid (${counts}); nothing was written. Importing it would give:\n${describeSummary(summary)}\n`,
    );
    return 0;
  }
  let summary: LoadSummary;
  if (bulk) {
    summary = await bulkLoadFacts(executor, document, { onProgress: progress('importing') });
    await prepareStore(executor);
  } else {
    await prepareStore(executor);
    summary = await loadFacts(executor, document, { onProgress: progress('importing') });
  }
  const seconds = (Date.now() - started) / 1000;
  // Relationships: the relations and the nodes' evidence (SOURCED_FROM) alike.
  const relationships = summary.relations.created + summary.evidence.created;
  const rate = bulk
    ? `; ${Math.round(relationships / seconds).toLocaleString('en')} relationships/s (bulk)`
    : '';
  process.stdout.write(
    `Imported ${file} (${counts}) in ${seconds.toFixed(1)} s${rate}\n${describeSummary(summary)}\n`,
  );
  return 0;
});
