/**
 * What can be wrong with an import file, as data: a code, where it is, and the values that make it
 * (messages.ts words them, in one place). Code that needs to tell one problem from another reads the
 * code and the fields, never the words.
 */
import type { Label, RelationshipType } from '../ontology.ts';
import type { CsvColumn } from './csv-format.ts';

/** Where a problem is: the 1-based line of the file, and a JSON path (`nodes[3].label`) or CSV column(s). */
export interface Location {
  line?: number;
  path?: string;
}

/** Finds the location of a part of an item, given the part's path inside the item. */
export type Locator = (sub: readonly PropertyKey[]) => Location;

export type ProblemDetail =
  // The file as a whole
  | { code: 'empty-file' }
  | { code: 'invalid-json'; reason: string }
  | { code: 'invalid-csv'; reason: string }
  | { code: 'not-a-document' }
  | { code: 'unknown-document-member' }
  | { code: 'not-an-array' }
  | { code: 'no-items' }
  // CSV header and rows
  | { code: 'unknown-column'; column: string }
  | { code: 'repeated-column'; column: string }
  | { code: 'no-kind-column' }
  | { code: 'no-rows' }
  | { code: 'field-count'; fields: number; expected: number }
  | { code: 'misplaced-cells'; kind: 'node' | 'relation'; columns: readonly CsvColumn[] }
  | { code: 'missing-kind' }
  | { code: 'unknown-kind'; kind: string }
  | { code: 'cell-differs'; value: string; firstLine: number; firstValue: string; node: string }
  | { code: 'bad-aliases-cell' }
  | { code: 'bad-properties-cell'; value: string }
  | { code: 'bad-paragraph-cell'; value: string }
  | { code: 'evidence-needs-source' }
  // An item against the fact schemas and the ontology
  | { code: 'unknown-member'; allowed: readonly string[] }
  | { code: 'required' }
  | { code: 'unknown-label'; label: unknown }
  | { code: 'unknown-end-label'; ref: unknown; label: string }
  | { code: 'unknown-type'; type: unknown }
  | { code: 'endpoints-not-allowed'; type: RelationshipType; from: Label; to: Label }
  | { code: 'wrong-type'; expected: string; received: string; input?: Primitive }
  | { code: 'empty' }
  | { code: 'not-positive'; input: unknown }
  | { code: 'too-long'; maximum: number | bigint }
  /** Any other rule of the schemas, in the rule's own words. */
  | { code: 'rule'; rule: string; input?: Primitive }
  // The file against itself
  | { code: 'duplicate-node'; node: string; first: Location }
  | { code: 'duplicate-evidence'; first: Location }
  | { code: 'duplicate-relation'; first: Location }
  | { code: 'former-key-taken'; key: string; holder: string; where: 'file' | 'database'; asKey: boolean }
  // The file against the database
  | { code: 'key-taken'; key: string; holder: string }
  | { code: 'ambiguous-former-key'; key: string; holders: readonly string[] }
  | { code: 'missing-source'; source: string }
  | { code: 'missing-node'; node: string };

export type ProblemCode = ProblemDetail['code'];

/** A problem: its code and fields, and where it is (`line`, `path`). */
export type ImportProblem = ProblemDetail & Location;

export type Primitive = string | number | boolean;

export function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function problemAt(at: Location, detail: ProblemDetail): ImportProblem {
  return { ...at, ...detail };
}

/** Problems in file order (those without a line first), stable. */
export function sortProblems(problems: ImportProblem[]): ImportProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map(({ p }) => p);
}
