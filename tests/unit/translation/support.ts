/**
 * Helpers of the translation tests: they run the query compilers without Neo4j and show what they
 * produce as `{ cypher, params }`, with whitespace normalised so that expectations can be laid out
 * for reading.
 */

import Cypher from '@neo4j/cypher-builder';
import { Kind, type OperationDefinitionNode, parse } from 'graphql';
import { EntityStore } from '../../../src/graph/entity-store.ts';
import type { Scope } from '../../../src/graph/relation-page.ts';
import type { Row } from '../../../src/neo4j/executor.ts';
import { schema } from '../../../src/schema/index.ts';

/** One line, single spaces: layout is not what the tests pin. */
export function cypher(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export interface Translation {
  cypher: string;
  params: Record<string, unknown>;
}

export function newScope(maxPageSize = 100): Scope {
  return { maxPageSize };
}

/** A statement as the store would send it: `{ cypher, params }`, the text on one line. */
export function translate(statement: Cypher.Clause): Translation {
  const { cypher: text, params } = statement.build();
  return { cypher: cypher(text), params };
}

/** A predicate on `(n)` as Cypher text: what follows WHERE in `MATCH (n) WHERE … RETURN n`. */
export function predicate(build: (n: Cypher.Node) => Cypher.Predicate | undefined): Translation {
  const n = new Cypher.NamedNode('n');
  const condition = build(n);
  const match = new Cypher.Match(new Cypher.Pattern(n));
  if (condition) match.where(condition);
  const { cypher: text, params } = translate(match.return(n));
  return { cypher: text.replace(/^MATCH \(n\) (WHERE )?/, '').replace(/ ?RETURN n$/, ''), params };
}

/** An EntityStore over a reader that records each statement and answers with no rows. */
export function recordingStore(): { store: EntityStore; statements: Translation[] } {
  const statements: Translation[] = [];
  const store = new EntityStore({
    read: async (query: string, params: Record<string, unknown> = {}): Promise<Row[]> => {
      statements.push({ cypher: cypher(query), params });
      return [];
    },
  });
  return { store, statements };
}

/**
 * The parts of a resolver's info the planner reads (the schema and the variables), and the root
 * field's node, for a query such as `{ zones { … } }`.
 */
export function rootField(query: string, variableValues: Record<string, unknown> = {}) {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const field = operation.selectionSet.selections[0];
  if (field?.kind !== Kind.FIELD) throw new Error('The query must start with a field');
  return { info: { schema, variableValues }, field };
}

/** An expression on `(n)` as Cypher text: what `MATCH (n) RETURN … AS x` returns. */
export function expression(build: (n: Cypher.Node) => Cypher.Expr): Translation {
  const n = new Cypher.NamedNode('n');
  const { cypher: text, params } = translate(
    new Cypher.Match(new Cypher.Pattern(n)).return([build(n), new Cypher.NamedVariable('x')]),
  );
  return { cypher: text.replace(/^MATCH \(n\) RETURN /, '').replace(/ AS x$/, ''), params };
}
