/**
 * Persisted operations for production frontends: PERSISTED_OPERATIONS names a JSON file of
 * { "<hash>": "<query>" } (what codegen's persisted-documents output writes); clients send
 * `{ "extensions": { "persistedQuery": { "version": 1, "sha256Hash": "<hash>" } } }` or `documentId`.
 * With PERSISTED_OPERATIONS_ONLY=true, other operations are refused.
 */
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';

export function readPersistedOperations(file: string): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`PERSISTED_OPERATIONS=${file} could not be read as JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw new Error(`PERSISTED_OPERATIONS=${file} must hold an object of hash → query string`);
  }
  return parsed as Record<string, string>;
}

export function usePersistedOperationStore(operations: Record<string, string>, only: boolean): Plugin {
  return usePersistedOperations({
    getPersistedOperation: (key) => operations[key] ?? null,
    allowArbitraryOperations: !only,
  }) as Plugin;
}
