/** The words of every import problem, made from its data: the one place that phrases them. */
import { isRelationshipType, LABELS, RELATIONSHIP_ENDPOINTS, RELATIONSHIP_TYPES } from '../ontology.ts';
import { ALIAS_SEPARATOR, CSV_COLUMNS } from './csv-format.ts';
import type { ImportProblem, Location, ProblemDetail } from './problems.ts';

/** One problem as the import prints it: `<file>:<line>: <path>: <message>`. */
export function formatProblem(file: string, problem: ImportProblem): string {
  const { line, path } = problem;
  const where = line === undefined ? file : `${file}:${line}`;
  return `${where}: ${path ? `${path}: ` : ''}${problemMessage(problem)}`;
}

/**
 * A value as JSON, with what would not show (or would reorder the terminal: bidi controls) written as
 * \\uXXXX, as JSON.stringify already writes control characters.
 */
const quoted = (value: unknown): string =>
  (JSON.stringify(value) ?? String(value)).replace(
    /[\p{Cf}\p{Cs}\u2028\u2029\u3164\uFFA0]/gu,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const ONE_OF_LABELS = `(one of ${LABELS.join(', ')})`;

/** An earlier place in the file: `line 3 (nodes[0])`, `line 3`, or a path where the line is unknown. */
function place(at: Location): string {
  if (at.line === undefined) return `${at.path}`;
  return at.path === undefined ? `line ${at.line}` : `line ${at.line} (${at.path})`;
}

/** The pairs of labels a relationship type joins: `Place→Place, Zone→Program`. */
function allowedPairs(type: string): string {
  if (!isRelationshipType(type)) return '';
  return RELATIONSHIP_ENDPOINTS[type]
    .map(([f, t]) => `${f === '*' ? 'any' : f}→${t === '*' ? 'any' : t}`)
    .join(', ');
}

export function problemMessage(problem: ProblemDetail): string {
  switch (problem.code) {
    case 'empty-file':
      return 'the file is empty';
    case 'invalid-json':
      return `not valid JSON: ${problem.reason}`;
    case 'invalid-csv':
      return `not valid CSV: ${problem.reason}`;
    case 'not-a-document':
      return 'must be a JSON object { "nodes": [...], "relations": [...] }';
    case 'unknown-document-member':
      return 'unknown member (a fact document holds "nodes" and "relations")';
    case 'not-an-array':
      return 'must be an array';
    case 'no-items':
      return 'holds no nodes and no relations';
    case 'unknown-column':
      return `unknown column ${quoted(problem.column)} (columns: ${CSV_COLUMNS.join(', ')})`;
    case 'repeated-column':
      return `column ${quoted(problem.column)} appears twice`;
    case 'no-kind-column':
      return 'needs a "kind" column (node or relation)';
    case 'no-rows':
      return 'holds a header but no rows';
    case 'field-count':
      return `has ${problem.fields} ${plural(problem.fields, 'field', 'fields')}, the header has ${problem.expected}`;
    case 'misplaced-cells': {
      const other = problem.kind === 'node' ? 'relation' : 'node';
      const verb = plural(problem.columns.length, 'belongs', 'belong');
      return `${verb} to ${other} rows; leave empty on a ${problem.kind} row`;
    }
    case 'missing-kind':
      return 'is required ("node" or "relation")';
    case 'unknown-kind':
      return `${quoted(problem.kind)} must be "node" or "relation"`;
    case 'cell-differs':
      return `${quoted(problem.value)} differs from line ${problem.firstLine} (${quoted(problem.firstValue)}) for the same node ${problem.node}`;
    case 'bad-aliases-cell':
      return `must be names separated by "${ALIAS_SEPARATOR}", or a JSON array of strings`;
    case 'bad-properties-cell':
      return `${quoted(problem.value)} is not a JSON object, e.g. {"year": 1988}`;
    case 'bad-paragraph-cell':
      return `${quoted(problem.value)} is not a whole number`;
    case 'evidence-needs-source':
      return 'is required when quote or paragraph is given';
    case 'unknown-member':
      return `unknown member (allowed: ${problem.allowed.join(', ')})`;
    case 'required':
      return 'is required';
    case 'unknown-label':
      return `${quoted(problem.label)} is not a label of the ontology ${ONE_OF_LABELS}`;
    case 'unknown-end-label':
      return `${quoted(problem.ref)}: ${problem.label} is not a label of the ontology ${ONE_OF_LABELS}`;
    case 'unknown-type':
      return `${quoted(problem.type)} is not a relationship type of the ontology (one of ${RELATIONSHIP_TYPES.join(', ')})`;
    case 'endpoints-not-allowed':
      return `${problem.type} may not join ${problem.from} to ${problem.to} (${problem.type} joins ${allowedPairs(problem.type)})`;
    case 'wrong-type':
      return `expected ${problem.expected}, received ${problem.received}${problem.input === undefined ? '' : ` (got ${quoted(problem.input)})`}`;
    case 'empty':
      return 'must not be empty';
    case 'not-positive':
      return `must be 1 or more (got ${problem.input})`;
    case 'too-long':
      return `is longer than ${problem.maximum} characters`;
    case 'rule':
      return problem.input === undefined ? problem.rule : `${quoted(problem.input)} ${problem.rule}`;
    case 'duplicate-node':
      return `${problem.node} is already defined at ${place(problem.first)}`;
    case 'duplicate-evidence':
      return `repeats the evidence at ${place(problem.first)} (same source and quote)`;
    case 'duplicate-relation':
      return `repeats the relation at ${place(problem.first)} (same type, ends and source)`;
    case 'former-key-taken':
      return `the former key ${quoted(problem.key)} is already ${problem.asKey ? 'the key' : 'a former key'} of ${problem.holder} in the ${problem.where}: a former key must name one node (remove it from formerKeys, or from the other node)`;
    case 'ambiguous-former-key':
      return `the file names ${quoted(problem.key)}, a key more than one node of the database gave up (${problem.holders.join(', ')}), so it names none of them: use the current key of the one you mean`;
    case 'key-taken':
      return `the key ${quoted(problem.key)} is already held by ${problem.holder} in the database, and keys are unique across labels: choose another key (the rule for a shared slug is <key>-<label>, docs/ontology.md)`;
    case 'missing-source':
      return `cites Source ${quoted(problem.source)}, which is neither in the file nor in the database`;
    case 'missing-node':
      return `${problem.node} is neither in the file nor in the database`;
  }
}
