import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './tests/support/sequencer.ts';

/**
 * Two projects: `unit` needs no database; `graph` (integration, e2e and clients) shares one Neo4j
 * obtained by tests/support/global-setup.ts (NEO4J_URI, else a testcontainer, else a local Maven-run
 * server), seeded once while the unit files and the files with a Neo4j of their own run. Without a Neo4j those tests fail with the message that
 * says how to get one.
 */
export default defineConfig({
  resolve: {
    // One graphql module for all: Pothos loads graphql's CommonJS build, so ours must too
    // (otherwise "Cannot use GraphQLScalarType from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    pool: 'forks',
    // Two cores: the server processes the e2e tests start compete with Neo4j itself. Unit and graph
    // files run in one group on these two workers (no `sequence.groupOrder`): a group waits for the
    // previous one to end, and the unit files alone kept one worker of two while the other idled.
    maxWorkers: 2,
    // Files with a Neo4j of their own first, then the unit files, then the graph files, each slow files
    // first, so that none ends the run alone (tests/support/sequencer.ts).
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // Generous: on a busy machine loading a module (testcontainers, the schema) alone can take
          // seconds. A test that hangs still fails; one that is merely slow does not.
          testTimeout: 30_000,
          // Unit files share their worker's process: they share no state, and importing the schema and
          // its dependencies once per worker instead of once per file cuts their CPU time by about five.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'graph',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/clients/**/*.test.ts'],
          // The global setup starts the shared Neo4j without waiting for it, so that the unit files and
          // the files with a Neo4j of their own run meanwhile; the setup file holds each other graph file
          // back until it is ready (shared-neo4j.ts, file-order.ts).
          globalSetup: ['tests/support/global-setup.ts'],
          setupFiles: ['tests/support/await-shared-neo4j.ts'],
          // Files share their worker's process, as the unit files do: each of them used to import the
          // schema, yoga and the driver anew (about 48 s of CPU over the run). They share no state but
          // the Neo4j, where each owns its keys (uniqueKey) or a database of its own (useEmptyNeo4j).
          isolate: false,
          // Tests that start a server wait up to 200 s for it (waitForReady): a slow start on a busy
          // machine must not trip the test first.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          // expect.poll ends as soon as its assertion holds; its default 1 s bound tripped on a busy
          // machine (the Explorer's, for one). Generous bounds cost nothing when the tests pass.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
