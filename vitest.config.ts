import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './tests/support/sequencer.ts';

/**
 * Two projects: `unit` needs no database; `integration` and `e2e` share one Neo4j obtained by
 * tests/support/global-setup.ts (NEO4J_URI, else a testcontainer, else a local Maven-run server),
 * seeded once. Without a Neo4j those tests fail with the message that says how to get one.
 */
export default defineConfig({
  resolve: {
    // One graphql module for all: Pothos loads graphql's CommonJS build, so ours must too
    // (otherwise "Cannot use GraphQLScalarType from another module or realm").
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    pool: 'forks',
    // Slow files first, so that none ends the run alone (tests/support/sequencer.ts).
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
          // One process for all unit files: they share no state, and importing the schema and its
          // dependencies once instead of once per file cuts this group's CPU time by about five.
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'graph',
          sequence: { groupOrder: 1 },
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts', 'tests/clients/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          // Tests that start a server wait up to 200 s for it (waitForReady): a slow start on a busy
          // machine must not trip the test first.
          testTimeout: 240_000,
          hookTimeout: 240_000,
          // Two cores: the server processes the e2e tests start compete with Neo4j itself.
          maxWorkers: 2,
          // expect.poll ends as soon as its assertion holds; its default 1 s bound tripped on a busy
          // machine (the Explorer's, for one). Generous bounds cost nothing when the tests pass.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
