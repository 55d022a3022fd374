/**
 * The graph's fixed reads: full-text search, the timeline and the statistics, each one named Cypher
 * file (cypher/queries). Resolvers ask this store, as they ask EntityStore for entities, and never
 * hold Cypher themselves.
 */
import type { Executor, Row } from '../neo4j/executor.ts';
import { namedQuery } from '../neo4j/named-queries.ts';
import type { Label } from './ontology.ts';

export interface TimelineArgs {
  fromYear: number | null;
  toYear: number | null;
  labels: readonly Label[];
}

export class ReportStore {
  constructor(private readonly executor: Executor) {}

  /** Hits of a Lucene query (already checked and escaped: search-query.ts), best first. */
  search(query: string, labels: readonly Label[], limit: number): Promise<Row[]> {
    return this.executor.read(namedQuery('search'), { query, labels, limit });
  }

  timeline(args: TimelineArgs): Promise<Row[]> {
    return this.executor.read(namedQuery('timeline'), { ...args });
  }

  nodesByLabel(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-nodes-by-label'));
  }

  relationshipsByType(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-relationships-by-type'));
  }

  zonesPerProvince(asOf: number | null): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-zones-per-province'), { asOf });
  }

  zonesPerYear(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-zones-per-year'));
  }

  indicators(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-indicators'));
  }
}
