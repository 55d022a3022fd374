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

  /**
   * The candidates of a search (queries already checked and escaped: search-query.ts): names and
   * words capped at `candidates`, quotes at `evidenceCandidates`; search-rank.ts ranks them. Without
   * `labels`, every label but Source.
   */
  searchCandidates(
    queries: { names: string | null; text: string; evidence: string },
    labels: readonly Label[],
    candidates: number,
    evidenceCandidates: number,
  ): Promise<Row[]> {
    // Narrowed by label, the index is read whole so that the narrowing comes before the limit; else it
    // reads a few more than are kept, as Sources are left out after it.
    const indexOptions = labels.length ? {} : { limit: candidates * 2 };
    const evidenceOptions = labels.length ? {} : { limit: evidenceCandidates * 2 };
    return this.executor.read(namedQuery('search'), {
      ...queries,
      labels,
      candidates,
      evidenceCandidates,
      indexOptions,
      evidenceOptions,
    });
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

  /** Zones counted as of a year, undated zones, and the totals indicators state for that year. */
  zoneCountAsOf(year: number): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-zone-count-as-of'), { year });
  }

  zonesPerYear(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-zones-per-year'));
  }

  indicators(): Promise<Row[]> {
    return this.executor.read(namedQuery('stats-indicators'));
  }
}
