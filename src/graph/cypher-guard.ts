/**
 * The first layer that keeps the analyst's Cypher read-only and harmless, checked on the text before
 * the database sees it: no LOAD CSV, no prefixes that change how or where it runs (EXPLAIN, PROFILE,
 * CYPHER options, USE), and only procedures of a small allow-list. The second layer is the database's:
 * EXPLAIN must say the query is read-only, and it runs in a READ transaction.
 */
export const ALLOWED_PROCEDURES = [
  'db.labels',
  'db.relationshipTypes',
  'db.propertyKeys',
  'db.index.fulltext.queryNodes',
  'db.schema.nodeTypeProperties',
  'db.schema.relTypeProperties',
  'db.schema.visualization',
] as const;

/** The clauses a read may start with. */
export const READING_CLAUSES = ['MATCH', 'OPTIONAL', 'WITH', 'UNWIND', 'RETURN', 'CALL'];

export class CypherRefusedError extends Error {
  override name = 'CypherRefusedError';
}

/** The query with string literals and comments blanked, so that keywords inside them do not count. */
export function codeOnly(query: string): string {
  return query
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** Throws CypherRefusedError saying what is refused and why; returns the procedures the query calls. */
export function checkCypherText(query: string): string[] {
  const code = codeOnly(query);
  if (!code.trim()) throw new CypherRefusedError('The query is empty.');
  if (/\bLOAD\s+CSV\b/i.test(code)) {
    throw new CypherRefusedError(
      'LOAD CSV is not allowed: this endpoint reads the graph only, never files or URLs.',
    );
  }
  const lead = /^\s*(EXPLAIN|PROFILE|CYPHER|USE)\b/i.exec(code);
  if (lead) {
    throw new CypherRefusedError(
      `Queries may not start with ${lead[1]?.toUpperCase()}: send the plain query; it runs on the graph's database with the server's options.`,
    );
  }
  // Administration (SHOW, TERMINATE, GRANT …) can look read-only to EXPLAIN: only reading clauses may lead.
  const first = /^\s*([A-Za-z]+)/.exec(code)?.[1]?.toUpperCase();
  if (!first || !READING_CLAUSES.includes(first)) {
    throw new CypherRefusedError(
      `Queries must start with ${READING_CLAUSES.join(', ')}; ${first ?? 'this'} is not allowed: this endpoint reads the graph only.`,
    );
  }
  if (/;\s*\S/.test(code))
    throw new CypherRefusedError('One statement at a time: multiple statements are not allowed.');
  const procedures = [...code.matchAll(/\bCALL\s+([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_`][\w`]*)+)/gi)].map((m) =>
    (m[1] ?? '').replace(/[\s`]/g, ''),
  );
  const refused = procedures.filter(
    (p) => !ALLOWED_PROCEDURES.some((allowed) => allowed.toLowerCase() === p.toLowerCase()),
  );
  if (refused.length) {
    throw new CypherRefusedError(
      `Procedure ${refused.join(', ')} is not allowed; the allowed procedures are ${ALLOWED_PROCEDURES.join(', ')}.`,
    );
  }
  return procedures;
}

interface PlanNode {
  operatorType?: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

/** Procedures the plan calls (ProcedureCall operators), checked against the allow-list as well. */
export function checkPlan(plan: unknown): void {
  const stack: PlanNode[] = plan ? [plan as PlanNode] : [];
  while (stack.length) {
    const node = stack.pop() as PlanNode;
    if (node.operatorType?.startsWith('ProcedureCall')) {
      const details = String(node.arguments?.Details ?? node.arguments?.Signature ?? '');
      const name = /^([\w.]+)\(/.exec(details.trim())?.[1];
      if (!name || !ALLOWED_PROCEDURES.some((allowed) => allowed.toLowerCase() === name.toLowerCase())) {
        throw new CypherRefusedError(`Procedure ${name ?? details} is not allowed.`);
      }
    }
    stack.push(...(node.children ?? []));
  }
}
