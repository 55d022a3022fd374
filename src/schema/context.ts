/**
 * What every resolver receives: the executor (the only way to Neo4j), the entity store, and the
 * request's loaders. Loaders batch what sibling resolvers ask for (all zones' companies, all nodes'
 * evidence) into one statement per field, so a request's round trips do not grow with its results.
 */
import DataLoader from 'dataloader';
import {
  EntityStore,
  type GenericRelationArgs,
  type NodeClaim,
  type NodeEvidence,
} from '../graph/entity-store.ts';
import type { Label } from '../graph/ontology.ts';
import type { Page } from '../graph/paging.ts';
import type { EntityRecord } from '../graph/records.ts';
import type { NodeSelection, RelatedArgs } from '../graph/relation-page.ts';
import type { RelationDef } from '../graph/relations.ts';
import { ReportStore } from '../graph/report-store.ts';
import type { Where } from '../graph/where.ts';
import type { Logger } from '../logger.ts';
import type { CypherLimits } from '../neo4j/analyst-limits.ts';
import type { Executor } from '../neo4j/executor.ts';
import type { Auth } from './auth.ts';

export interface Limits {
  maxPageSize: number;
  maxComplexity: number;
  maxDepth: number;
  maxBreadth: number;
  cypherTimeoutMs: number;
  cypherMaxRows: number;
  searchMaxLength: number;
  searchMaxTerms: number;
  /** All bounds of the analyst cypher field (cypherTimeoutMs and cypherMaxRows included). */
  cypher: CypherLimits;
}

export class Loaders {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  constructor(
    private readonly store: EntityStore,
    private readonly limits: Limits,
  ) {}

  private get<V>(id: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(id);
    if (!loader) {
      loader = new DataLoader<string, V>(batch) as DataLoader<string, unknown>;
      this.loaders.set(id, loader);
    }
    return loader as DataLoader<string, V>;
  }

  byKey(label: Label): DataLoader<string, EntityRecord | null> {
    return this.get(`byKey:${label}`, (keys) => this.store.byKeys(label, keys));
  }

  /** By key, with what `selection` reads (its relations' pages in the same statement): a loader per selection. */
  byKeySelected(label: Label, selection: NodeSelection): DataLoader<string, EntityRecord | null> {
    return this.get(`byKeySelected:${label}:${JSON.stringify(selection)}`, (keys) =>
      this.store.byKeysSelected(label, keys, selection, this.limits.maxPageSize),
    );
  }

  claims(label: Label): DataLoader<string, NodeClaim[]> {
    return this.get(`claims:${label}`, (keys) => this.store.claims(label, keys));
  }

  evidence(label: Label): DataLoader<string, NodeEvidence[]> {
    return this.get(`evidence:${label}`, (keys) => this.store.evidence(label, keys));
  }

  /** One loader per relation field and arguments: parents asking the same thing share one statement. */
  related(label: Label, relation: RelationDef, args: RelatedArgs): DataLoader<string, Page> {
    return this.get(`related:${label}.${relation.name}:${JSON.stringify(args)}`, (keys) =>
      this.store.related(label, relation, keys, { ...args, maxPageSize: this.limits.maxPageSize }),
    );
  }

  relations(label: Label, args: GenericRelationArgs) {
    return this.get(`relations:${label}:${JSON.stringify(args)}`, (keys) =>
      this.store.relations(label, keys, args, this.limits.maxPageSize),
    );
  }

  relatedCount(
    label: Label,
    relation: RelationDef,
    where: Where | null | undefined,
  ): DataLoader<string, number> {
    return this.get(`relatedCount:${label}.${relation.name}:${JSON.stringify(where ?? null)}`, (keys) =>
      this.store.relatedCount(label, relation, keys, where),
    );
  }
}

export interface Context {
  executor: Executor;
  log: Logger;
  store: EntityStore;
  /** Search, timeline and statistics: the named Cypher reads. */
  reports: ReportStore;
  loaders: Loaders;
  limits: Limits;
  auth: Auth;
}

export function createContext(executor: Executor, log: Logger, limits: Limits, auth: Auth): Context {
  const store = new EntityStore(executor);
  return {
    executor,
    log,
    store,
    reports: new ReportStore(executor),
    loaders: new Loaders(store, limits),
    limits,
    auth,
  };
}
