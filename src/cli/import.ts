/**
 * `npm run import -- <file.json|file.csv> [--dry-run | --bulk [--replace-store]]`: validates a file of
 * facts (every row, before anything is written), then loads it idempotently. docs/import-export.md
 * describes the formats. With --bulk the file goes into an empty database, after the same validation:
 * - on the local Neo4j (DATA_DIR's store), by Neo4j's offline importer (bulk-offline.ts): the server
 *   must not be running on it, and the store must be new or empty, or --replace-store given;
 * - on a server at NEO4J_URI (or a container), whose store files the offline importer cannot reach,
 *   by CREATE in large batches over Bolt (bulk-loader.ts), the schema after; a database that holds
 *   nodes is refused.
 * The output names the path that ran.
 *
 * Exit codes: 0 imported (or valid, with --dry-run); 1 the file has problems (each printed as
 * `<file>:<line>: ...`, nothing written) or the load failed; 2 usage or configuration.
 * The summary goes to stdout; problems, progress and logs to stderr.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../config.ts';
import { formatRate } from '../graph/bulk/rate.ts';
import { assertEmpty, bulkLoadFacts } from '../graph/bulk-loader.ts';
import { applyHeadlines } from '../graph/claims.ts';
import { uniqueKeys } from '../graph/entity-keys.ts';
import type { FactDocument } from '../graph/facts.ts';
import {
  formatProblem,
  importFormatOf,
  type ParsedImport,
  parseImportFile,
  problemAt,
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
  referencesOutside,
} from '../graph/loader.ts';
import { AmbiguousKeyError, withCurrentKeys } from '../graph/lookup.ts';
import { prepareStore } from '../graph/prepare-store.ts';
import { createLogger } from '../logger.ts';
import type { Executor, Tx } from '../neo4j/executor.ts';
import { Neo4jUnavailableError } from '../neo4j/provision.ts';
import {
  describeOfflineTimes,
  EMPTY_STORE,
  HOW_TO_GO_OFFLINE,
  importOffline,
  OfflineInterrupted,
  OfflineRefusal,
  refuseWhileServed,
  whyNotOffline,
} from './bulk-offline.ts';
import { withNeo4j } from './with-neo4j.ts';

const USAGE = 'Usage: npm run import -- <file.json|file.csv> [--dry-run | --bulk [--replace-store]]';

function usage(message: string): never {
  process.stderr.write(`${message}\n${USAGE}\n`);
  process.exit(2);
}

function readArguments(): { file: string; dryRun: boolean; bulk: boolean; replaceStore: boolean } {
  const parse = () =>
    parseArgs({
      options: {
        'dry-run': { type: 'boolean' },
        bulk: { type: 'boolean' },
        'replace-store': { type: 'boolean' },
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
        '  --bulk      into an empty database only, the same validation and graph. On the local Neo4j\n' +
        "              (no NEO4J_URI): Neo4j's offline importer writes DATA_DIR's store, which must not be\n" +
        '              in use by a running server, then the schema is applied; with NEO4J_URI: CREATE in\n' +
        '              large batches over Bolt, the schema after\n' +
        '  --replace-store  with --bulk on the local Neo4j: delete the store in DATA_DIR, whatever it holds\n' +
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
  const replaceStore = parsed.values['replace-store'] === true;
  if (replaceStore && !bulk)
    usage('--replace-store goes with --bulk (the offline import into the local store).');
  return { file, dryRun, bulk, replaceStore };
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

const { file, dryRun: isDryRun, bulk, replaceStore } = readArguments();
const format = importFormatOf(file) ?? 'json';
const parsed = parseImportFile(readFileSync(file, 'utf8'), format);

// A file that yields nothing (empty, not JSON, not CSV, a wrong header) needs no database to judge.
if (parsed.problems.length && parsed.document.nodes.length === 0 && parsed.document.relations.length === 0) {
  printProblems(file, parsed.problems);
  process.exit(1);
}

/** --bulk on the local Neo4j: validation against the empty store it goes into, then the offline importer. */
async function offlineBulk(
  config: ReturnType<typeof loadConfig>,
  interruption: Interruption,
): Promise<number> {
  const log = createLogger(config.logLevel, 'stderr');
  // Cheap, and before the validation: a running server on the store stops everything.
  await refuseWhileServed(`${config.dataDir}/neo4j`);
  if (parsed.problems.some((p) => p.code === 'former-key-taken')) {
    printProblems(file, parsed.problems);
    return 1;
  }
  const document = await withCurrentKeys(EMPTY_STORE, uniqueKeys(applyHeadlines(parsed.document)).doc);
  const problems = sortProblems([
    ...parsed.problems,
    // Into an empty store, every reference outside the file is missing.
    ...referenceProblems(parsed, [...referencesOutside(document)]),
    ...storeKeyProblems(parsed, await keyConflicts(EMPTY_STORE, document)),
  ]);
  if (problems.length) {
    printProblems(file, problems);
    return 1;
  }
  interruption.importing();
  const { summary, times, store, imported } = await importOffline(config, document, {
    replaceStore,
    log,
    onStep: (step) => process.stderr.write(`${step}\n`),
    signal: interruption.signal,
  });
  process.stdout.write(
    `Imported ${file} (${document.nodes.length} nodes and ${document.relations.length} relations) into ${store} ` +
      `(bulk: offline importer, neo4j-admin database import full)\n` +
      `${describeOfflineTimes(imported, times, process.uptime())}\n${describeSummary(summary)}\n`,
  );
  return 0;
}

/** The shell's exit code for a process ended by `signal`. */
const exitCodeOf = (signal: NodeJS.Signals) => 128 + (os.constants.signals[signal] ?? 1);

/**
 * Ctrl-C (SIGINT) and SIGTERM during the offline import: the import stops where it is and cleans up
 * (bulk-offline.ts: the store stays as it was), then says so. Before the import has begun (reading
 * and validating), or at a second signal, the command ends at once.
 */
interface Interruption {
  /** Aborted (with the signal's name) at the first SIGINT or SIGTERM once the import has begun. */
  signal: AbortSignal;
  /** The import proper begins: a signal now stops it (and its cleanup runs) rather than the command. */
  importing(): void;
}

function interruptible(): Interruption {
  const controller = new AbortController();
  let importing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!importing) {
      process.stderr.write(
        `--bulk was interrupted (${signal}) while reading and validating ${file}; nothing was written.\n`,
      );
      process.exit(exitCodeOf(signal));
    }
    if (controller.signal.aborted) {
      process.stderr.write(
        `${signal} again: stopping at once. If the next --bulk finds a store it refuses, pass --replace-store.\n`,
      );
      process.exit(exitCodeOf(signal));
    }
    process.stderr.write(`${signal}: stopping the import; the store stays as it was…\n`);
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    importing: () => {
      importing = true;
    },
  };
}

if (bulk) {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) usage(error.message);
    throw error;
  }
  const notOffline = await whyNotOffline(config.neo4j);
  if (notOffline === null) {
    const interruption = interruptible();
    let code = 1;
    try {
      code = await offlineBulk(config, interruption);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const known =
        error instanceof OfflineRefusal ||
        error instanceof Neo4jUnavailableError ||
        error instanceof OfflineInterrupted;
      process.stderr.write(`${known ? '' : 'Error: '}${message}\n`);
      if (error instanceof OfflineInterrupted) code = exitCodeOf(error.signal);
    }
    process.exit(code);
  }
  if (replaceStore)
    usage(
      `--replace-store cannot be used here: ${notOffline}Without it, --bulk runs CREATE in batches over Bolt.`,
    );
  process.stderr.write(
    `--bulk: not the offline importer: ${notOffline}${HOW_TO_GO_OFFLINE}\n` +
      'Running the online bulk path instead: CREATE in batches over Bolt, about five times slower.\n',
  );
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
  let document: FactDocument;
  try {
    document = await withCurrentKeys(executor, uniqueKeys(applyHeadlines(parsed.document)).doc);
  } catch (error) {
    if (!(error instanceof AmbiguousKeyError)) throw error;
    // A store made before former keys were checked can hold one twice: a problem of the file's, as any.
    printProblems(file, [
      problemAt({}, { code: 'ambiguous-former-key', key: error.key, holders: error.refs }),
    ]);
    return 1;
  }
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
    ? `; ${formatRate(relationships, seconds)} relationships/s (bulk: batched CREATE over Bolt)`
    : '';
  process.stdout.write(
    `Imported ${file} (${counts}) in ${seconds.toFixed(1)} s${rate}\n${describeSummary(summary)}\n`,
  );
  return 0;
});
