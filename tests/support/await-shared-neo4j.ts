/**
 * A setup file of the graph project: holds each graph file back until the global setup has the shared
 * Neo4j ready, and fails the file with the setup's error when there is none (shared-neo4j.ts). The files
 * with a Neo4j of their own (file-order.ts) start at once.
 */
import { expect, inject } from 'vitest';
import { usesSharedNeo4j } from './file-order.ts';
import { awaitSharedNeo4j } from './shared-neo4j.ts';

// The file this setup runs before (Vitest sets it before it runs the setup files).
const testFile = expect.getState().testPath;
if (testFile === undefined || usesSharedNeo4j(testFile)) await awaitSharedNeo4j(inject('sharedNeo4jFile'));
