/**
 * `npm start`: read the config, get a Neo4j (provision.ts), apply the graph schema, seed an empty
 * database, listen. A local Neo4j's JVM is spawned first, before the modules of the app (schema,
 * yoga, the loaders: seconds of module loading) are loaded, so that both happen at once. SIGINT/SIGTERM close the listener (in-flight requests finish), the driver and the
 * Neo4j we started, then exit 0. A local Neo4j that dies is restarted (local-neo4j.ts); when it cannot
 * come back we exit 1, so that a supervisor replaces us instead of a server that answers 503 forever.
 */
import { ConfigError, loadConfig } from './config.ts';
import { close, listen, PortInUseError } from './http/server.ts';
import { createLogger } from './logger.ts';
import { loadNamedQueries, NamedQueryError } from './neo4j/named-queries.ts';
import { Neo4jUnavailableError, provisionNeo4j } from './neo4j/provision.ts';
import { placeSeededStore, type SeededStorePlacement } from './neo4j/seeded-store.ts';

/** What builds the app, loaded while Neo4j starts (static imports would delay the JVM's spawn). */
async function loadAppModules() {
  const [prepare, reports, search, seeding, persisted, yoga, executor, schema] = await Promise.all([
    import('./graph/prepare-store.ts'),
    import('./graph/report-store.ts'),
    import('./graph/search-query.ts'),
    import('./graph/seed.ts'),
    import('./http/persisted-operations.ts'),
    import('./http/yoga.ts'),
    import('./neo4j/executor.ts'),
    import('./schema/index.ts'),
  ]);
  return {
    ...prepare,
    ...reports,
    ...search,
    ...seeding,
    ...persisted,
    ...yoga,
    ...executor,
    ...schema,
  };
}

/** The bound of each statement a start runs itself (seed, schema, migration). */
const START_UP_QUERY_TIMEOUT_MS = 120_000;

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
    // Every named Cypher file is read and checked now: a broken install stops here, not mid-request.
    loadNamedQueries();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof NamedQueryError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  // tsx turns source maps on for every module; stack traces then point at TypeScript lines (SOURCE_MAPS).
  process.setSourceMapsEnabled(config.sourceMaps);
  const log = createLogger(config.logLevel);

  const cleanups: (() => Promise<void>)[] = [];
  let shuttingDown = false;
  const shutdown = async (reason: string, code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ reason }, 'shutting down');
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        log.error({ err: error }, 'error during shutdown');
      }
    }
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT', 0));
  process.once('SIGTERM', () => void shutdown('SIGTERM', 0));
  // `npm start` runs us under `sh -c`, which dies of npm's SIGTERM without passing it on: we are then
  // re-parented. A parent that went away is a stop, as if signalled (and the Neo4j we run stops too).
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) void shutdown('parent process exited', 0);
  }, 500).unref();
  // A crash still stops the Neo4j we started (and the JVM's watchdog would follow us anyway).
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    void shutdown('crash', 1);
  });
  process.on('unhandledRejection', (error) => {
    log.fatal({ err: error }, 'unhandled rejection');
    void shutdown('crash', 1);
  });

  try {
    const started = performance.now();
    let jvmSpawned = () => {};
    const spawned = new Promise<void>((resolve) => {
      jvmSpawned = resolve;
    });
    // A first start on the local Neo4j begins from the shipped seeded store (seeded-store.ts), put in
    // place before the JVM starts; otherwise (NEO4J_URI, a container, a stale store) it seeds below.
    let seededStore: SeededStorePlacement | undefined;
    const provisioning = provisionNeo4j({
      ...config.neo4j,
      dataDir: `${config.dataDir}/neo4j`,
      log,
      ...(config.seedOnStart && {
        beforeLocalStart: async (neo4jDir: string) => {
          seededStore = await placeSeededStore({ neo4jDir, log });
        },
      }),
      maxRestarts: config.faults.maxRestarts,
      restartBackoffMs: config.faults.restartBackoffMs,
      onGiveUp: (reason) => void shutdown(`Neo4j is gone: ${reason}`, 1),
      onSpawn: jvmSpawned,
    });
    // Without a local JVM (NEO4J_URI, a container) there is no spawn to wait for.
    await Promise.race([spawned, provisioning.catch(() => {})]);
    let modulesMs = 0;
    const loading = loadAppModules().finally(() => {
      modulesMs = performance.now() - started;
    });
    loading.catch(() => {}); // awaited below, once Neo4j is there; its failure is reported then
    const neo4j = await provisioning;
    cleanups.push(() => neo4j.stop());
    const neo4jReadyMs = performance.now() - started;
    const {
      createApp,
      Executor,
      isEmpty,
      prepareStore,
      readPersistedOperations,
      ReportStore,
      schema,
      seed,
      toSearchQueries,
    } = await loading;
    if (shuttingDown) return;

    const executor = new Executor({
      ...neo4j,
      queryTimeoutMs: config.neo4j.queryTimeoutMs,
      pingTimeoutMs: config.faults.pingTimeoutMs,
      acquisitionTimeoutMs: config.faults.acquisitionTimeoutMs,
    });
    cleanups.push(() => executor.close());
    // Neo4j plans the search statement (three index queries) once; do it at start, not in a user's
    // first search. On an existing store it runs while the store is prepared (its indexes exist);
    // an empty one has them only once seeded.
    const warmUpSearch = () =>
      new ReportStore(executor)
        .searchCandidates(toSearchQueries('zhongguancun'), [], 1, 1)
        .then(() => performance.now() - started)
        .catch((error) => {
          log.warn({ err: error }, 'search warm-up failed');
          return performance.now() - started;
        });
    // The start's own statements (seed, schema, migration) run on a JVM just started, which is slow on
    // a busy machine: a generous bound for them, the configured one for requests (set back below).
    executor.queryTimeoutMs = Math.max(config.neo4j.queryTimeoutMs, START_UP_QUERY_TIMEOUT_MS);
    let warmedUp: Promise<number>;
    if (seededStore?.placed) {
      // The store was put in place moments ago from data/generated, whose manifest matched the facts
      // and schema of this checkout: it is what seed() writes, schema included. Nothing to seed,
      // migrate or check (each of those, a first statement on a cold JVM, costs seconds).
      log.info('started from the shipped seeded store: nothing to seed');
      warmedUp = warmUpSearch();
    } else if (config.seedOnStart && (await isEmpty(executor))) {
      log.info('the database is empty: seeding it');
      const summary = await seed(executor, { log }); // applies the graph schema first
      log.info({ summary }, 'seeded');
      warmedUp = warmUpSearch();
    } else {
      warmedUp = warmUpSearch();
      // An existing store: migrated where it predates a change of the model, then its schema.
      const migration = await prepareStore(executor);
      if (migration.labelled || migration.renamed.length) log.info({ migration }, 'store migrated');
    }
    const storeReadyMs = performance.now() - started;
    const warmedUpMs = await warmedUp;

    // From now on a Neo4j that stops answering fails requests fast (not during the seed above).
    executor.failFast = true;
    executor.queryTimeoutMs = config.neo4j.queryTimeoutMs;
    // GraphiQL's files are compressed on their first request, not here: compressing them at start
    // grew the process's RSS by about 130 MiB of zlib thread memory that is never given back, for a
    // page an API-only deployment may never serve (docs/benchmarks.md, Memory).
    const app = createApp({
      schema,
      executor,
      log,
      debugErrors: config.debugErrors,
      ...(config.bookmarkSecret ? { bookmarkSecret: config.bookmarkSecret } : {}),
      limits: config.limits,
      apiKeys: config.apiKeys,
      cypher: config.cypher,
      fieldSuggestions: config.fieldSuggestions,
      introspection: config.introspection,
      graphqlJit: config.graphqlJit,
      corsOrigins: config.corsOrigins,
      persistedOperations: config.persistedOperations && {
        operations: readPersistedOperations(config.persistedOperations.file),
        only: config.persistedOperations.only,
      },
    });
    const server = await listen(app, config.host, config.port, config.listener);
    cleanups.push(() => close(server));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info(
      {
        url: `http://${config.host}:${port}/graphql`,
        neo4j: neo4j.kind,
        // Where a start's time went: Neo4j up, then the store prepared and the app built.
        startMs: {
          neo4j: Math.round(neo4jReadyMs),
          modules: Math.round(modulesMs),
          store: Math.round(storeReadyMs),
          // A first start that began from the shipped seeded store: its unpacking, before the JVM.
          ...(seededStore?.placed && { seededStore: Math.round(seededStore.ms) }),
          searchWarmUp: Math.round(warmedUpMs),
          total: Math.round(performance.now() - started),
        },
      },
      'hitech-kg is ready',
    );
  } catch (error) {
    if (error instanceof Neo4jUnavailableError || error instanceof PortInUseError) {
      log.fatal(error.message);
    } else {
      log.fatal({ err: error }, 'start-up failed');
    }
    await shutdown('start-up failed', 1);
  }
}

await main();
