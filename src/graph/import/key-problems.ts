/**
 * Keys that would make one key name two nodes (docs/ontology.md, "One key, one entity"): a former key
 * another node of the file or the database already holds, and a key another label holds in the
 * database. Reported as problems at the node, before anything is written.
 */
import type { NodeFact } from '../facts.ts';
import type { KeyConflict } from '../key-conflicts.ts';
import type { ParsedImport } from './parsed-import.ts';
import { type ImportProblem, problemAt, sortProblems } from './problems.ts';

/**
 * Within the file: a former key that another node also gives up, or that another node of the same
 * label holds as its key (a look-up by label would never reach the former). A former key that a node
 * of another label holds is how a shared slug is resolved (the place `shenzhen-place` gave up
 * `shenzhen`, which the zone holds), so it is allowed.
 */
export function fileFormerKeyProblems(parsed: ParsedImport): ImportProblem[] {
  const nodes = parsed.document.nodes;
  const problems: ImportProblem[] = [];
  const ref = (n: NodeFact) => `${n.label}:${n.key}`;
  nodes.forEach((node, i) => {
    (node.formerKeys ?? []).forEach((former, j) => {
      const other = nodes.find(
        (m) =>
          ref(m) !== ref(node) &&
          (m.formerKeys?.includes(former) || (m.key === former && m.label === node.label)),
      );
      if (!other) return;
      const at = parsed.locators.nodes[i]?.(['formerKeys', j]) ?? {};
      problems.push(
        problemAt(at, {
          code: 'former-key-taken',
          key: former,
          holder: ref(other),
          where: 'file',
          asKey: other.key === former,
        }),
      );
    });
  });
  return sortProblems(problems);
}

/** The conflicts the database showed (key-conflicts.ts), at the nodes that make them. */
export function storeKeyProblems(parsed: ParsedImport, conflicts: readonly KeyConflict[]): ImportProblem[] {
  const problems = conflicts.map((c) => {
    const locate = parsed.locators.nodes[c.node];
    if (c.kind === 'key') {
      return problemAt(locate?.(['key']) ?? {}, { code: 'key-taken', key: c.key, holder: c.holder });
    }
    const j = parsed.document.nodes[c.node]?.formerKeys?.indexOf(c.key) ?? -1;
    return problemAt(locate?.(j >= 0 ? ['formerKeys', j] : ['formerKeys']) ?? {}, {
      code: 'former-key-taken',
      key: c.key,
      holder: c.holder,
      where: 'database',
      asKey: c.kind === 'former-as-key',
    });
  });
  return sortProblems(problems);
}
