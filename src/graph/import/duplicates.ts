/** What only the whole file shows: the same node, the same evidence of a node, or the same relation twice. */
import type { NodeFact, RelationFact } from '../facts.ts';
import { evidenceIdentity, nodeIdentity, relationIdentity } from '../merge-facts.ts';
import { type ImportProblem, type Location, type Locator, problemAt } from './problems.ts';

export class Duplicates {
  private readonly nodes = new Map<string, Locator>();
  private readonly relations = new Map<string, Locator>();

  /** `firstAt`: how a problem names the place of the first occurrence (its format's way). */
  constructor(
    private readonly problems: ImportProblem[],
    private readonly firstAt: (locate: Locator) => Location,
  ) {}

  /** True when the node is new. */
  node(node: NodeFact, locate: Locator): boolean {
    const id = nodeIdentity(node);
    const first = this.nodes.get(id);
    if (first) {
      this.problems.push(
        problemAt(locate(['key']), { code: 'duplicate-node', node: id, first: this.firstAt(first) }),
      );
      return false;
    }
    this.nodes.set(id, locate);
    return true;
  }

  /** True when no two pieces of the node's evidence have the same source and quote. */
  evidence(node: NodeFact, locate: Locator): boolean {
    const seen = new Map<string, number>();
    let ok = true;
    node.evidence.forEach((e, j) => {
      const id = evidenceIdentity(e);
      const first = seen.get(id);
      if (first !== undefined) {
        const firstAt = this.firstAt((sub) => locate(['evidence', first, ...sub]));
        this.problems.push(
          problemAt(locate(['evidence', j]), { code: 'duplicate-evidence', first: firstAt }),
        );
        ok = false;
      } else seen.set(id, j);
    });
    return ok;
  }

  /** True when the relation is new (relationIdentity: its type, its ends and its source). */
  relation(rel: RelationFact, locate: Locator): boolean {
    const id = relationIdentity(rel);
    const first = this.relations.get(id);
    if (first) {
      this.problems.push(problemAt(locate([]), { code: 'duplicate-relation', first: this.firstAt(first) }));
      return false;
    }
    this.relations.set(id, locate);
    return true;
  }
}
