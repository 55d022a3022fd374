/** What reading an import file gives: the valid items, the problems, and where each item came from. */
import type { FactDocument } from '../facts.ts';
import type { ImportProblem, Locator } from './problems.ts';

export type ImportFormat = 'json' | 'csv';

export interface ParsedImport {
  format: ImportFormat;
  /** The valid items only; import nothing unless `problems` is empty. */
  document: FactDocument;
  problems: ImportProblem[];
  /** Where each node and relation of `document` came from (same indexes). */
  locators: { nodes: Locator[]; relations: Locator[] };
  /** "Label:key" of every node the file defines, valid or not (so that an invalid node is not also "missing"). */
  declared: Set<string>;
}

/** A file that yields no document at all, for these problems. */
export function nothingParsed(format: ImportFormat, problems: ImportProblem[]): ParsedImport {
  return {
    format,
    document: { nodes: [], relations: [] },
    problems,
    locators: { nodes: [], relations: [] },
    declared: new Set(),
  };
}
