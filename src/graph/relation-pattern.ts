/**
 * A relation definition (relations.ts) as a Cypher pattern from a parent node to a target node, with
 * the relationship an edge carries bound to its own variable and the target's condition, if any.
 */
import Cypher from '@neo4j/cypher-builder';
import type { Hop, RelationDef } from './relations.ts';

export interface RelationMatch {
  pattern: Cypher.Pattern;
  /** The relationship whose properties and evidence an edge carries. */
  edge: Cypher.Relationship;
  target: Cypher.Node;
  /** What the target must satisfy besides the pattern (its kind), if anything. */
  condition: Cypher.Predicate | undefined;
}

const DIRECTION = { out: 'right', in: 'left' } as const;

function hopType(hop: Hop): string | Cypher.LabelExpr {
  const [first, ...rest] = hop.types;
  if (!first) throw new Error('A hop follows at least one relationship type');
  return rest.length ? Cypher.labelExpr.or(first, ...rest) : first;
}

/** The pattern of `relation` from `parent` to a fresh target node (or to `target` when given). */
export function relationMatch(
  relation: RelationDef,
  parent: Cypher.Node,
  target: Cypher.Node = new Cypher.Node(),
): RelationMatch {
  const edge = new Cypher.Relationship();
  let pattern = new Cypher.Pattern(parent);
  relation.hops.forEach((hop, i) => {
    const options = { type: hopType(hop), direction: DIRECTION[hop.direction], length: hop.length };
    const step = i === relation.edgeHop ? pattern.related(edge, options) : pattern.related(options);
    if (i < relation.hops.length - 1) pattern = step.to({ labels: hop.to });
    else pattern = step.to(target, { labels: relation.labelTarget ? relation.target : undefined });
  });
  const condition = relation.targetKinds
    ? Cypher.in(target.property('kind'), new Cypher.Literal([...relation.targetKinds]))
    : undefined;
  return { pattern, edge, target, condition };
}
