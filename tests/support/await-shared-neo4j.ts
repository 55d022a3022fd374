/**
 * A setup file of the graph project: holds each graph file back until the global setup has the shared
 * Neo4j ready, and fails the file with the setup's error when there is none (shared-neo4j.ts).
 */
import { inject } from 'vitest';
import { awaitSharedNeo4j } from './shared-neo4j.ts';

await awaitSharedNeo4j(inject('sharedNeo4jFile'));
