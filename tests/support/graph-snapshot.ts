/** A whole graph as sorted lines, and its schema, to compare two stores (the seed tests). */
import type { Executor } from '../../src/neo4j/executor.ts';
import { stable } from './stable-json.ts';

/** Nodes and relationships as sorted stable JSON; indexes (name, kind, coverage, state) and constraints. */
export async function graphSnapshot(on: Executor) {
  const nodes = await on.read('MATCH (n) RETURN labels(n) AS labels, properties(n) AS props');
  const relationships = await on.read(
    `MATCH (a)-[r]->(b) RETURN type(r) AS type, labels(a) AS fromLabels, a.key AS from,
     labels(b) AS toLabels, b.key AS to, properties(r) AS props`,
  );
  const schema = await on.read(
    `SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options, owningConstraint, state
     WHERE type <> 'LOOKUP' RETURN name, type, labelsOrTypes, properties, options, owningConstraint, state
     ORDER BY name`,
  );
  const constraints = await on.read(
    'SHOW CONSTRAINTS YIELD name, type, labelsOrTypes, properties RETURN * ORDER BY name',
  );
  return {
    nodes: nodes.map(stable).sort(),
    relationships: relationships.map(stable).sort(),
    schema,
    constraints,
  };
}

export type GraphSnapshot = Awaited<ReturnType<typeof graphSnapshot>>;
