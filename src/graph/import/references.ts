/**
 * The checks that need the database: `missingReferences` (loader.ts) names the references neither the
 * file nor the database resolves, and these become problems at the items that make them.
 */
import type { ParsedImport } from './parsed-import.ts';
import { type ImportProblem, type Locator, type ProblemDetail, problemAt, sortProblems } from './problems.ts';

/**
 * Problems for the references the database could not resolve, at each item that makes them.
 * References to nodes the file defines but which are invalid are left out: those nodes have their own
 * problems.
 */
export function referenceProblems(parsed: ParsedImport, missing: readonly string[]): ImportProblem[] {
  const absent = new Set(missing.filter((ref) => !parsed.declared.has(ref)));
  if (absent.size === 0) return [];
  const problems: ImportProblem[] = [];
  const at = (locate: Locator | undefined, sub: PropertyKey[], detail: ProblemDetail) =>
    problems.push(problemAt(locate?.(sub) ?? {}, detail));
  parsed.document.nodes.forEach((node, i) => {
    node.evidence.forEach((e, j) => {
      if (absent.has(`Source:${e.source}`)) {
        at(parsed.locators.nodes[i], ['evidence', j, 'source'], { code: 'missing-source', source: e.source });
      }
    });
  });
  parsed.document.relations.forEach((rel, i) => {
    for (const end of ['from', 'to'] as const) {
      if (absent.has(rel[end]))
        at(parsed.locators.relations[i], [end], { code: 'missing-node', node: rel[end] });
    }
    if (absent.has(`Source:${rel.evidence.source}`)) {
      at(parsed.locators.relations[i], ['evidence', 'source'], {
        code: 'missing-source',
        source: rel.evidence.source,
      });
    }
  });
  return sortProblems(problems);
}
