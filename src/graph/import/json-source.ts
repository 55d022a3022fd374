/** Reads a JSON fact document (facts.ts) into valid items and problems, each at its line and JSON path. */
import type { FactDocument } from '../facts.ts';
import { Duplicates } from './duplicates.ts';
import { jsonLineIndex, jsonLocator, lineAtPosition } from './json-lines.ts';
import { nothingParsed, type ParsedImport } from './parsed-import.ts';
import { type ImportProblem, type Location, type Locator, problemAt, sortProblems } from './problems.ts';
import { declaredRef, isRecord, validateNode, validateRelation } from './validate.ts';

const withoutBom = (text: string) => text.replace(/^\ufeff/, '');

/**
 * JSON.parse's error as a problem: its line (Node says a position, or a line and column, or that the
 * input ended) and its reason without the echo of the text. Node's words are all the error carries.
 */
function syntaxProblem(body: string, error: Error): ImportProblem {
  const message = error.message;
  const position = /at position (\d+)/.exec(message);
  const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
  const line = lineColumn
    ? Number(lineColumn[1])
    : position
      ? lineAtPosition(body, Number(position[1]))
      : /end of JSON input/.test(message)
        ? lineAtPosition(body, body.trimEnd().length)
        : undefined;
  const reason = message.split('\n')[0]?.replace(/, "[\s\S]*" is not valid JSON$/, '') ?? message;
  return problemAt(line === undefined ? {} : { line }, { code: 'invalid-json', reason });
}

export function parseJsonFacts(text: string): ParsedImport {
  const body = withoutBom(text);
  if (body.trim() === '') return nothingParsed('json', [problemAt({}, { code: 'empty-file' })]);
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch (error) {
    return nothingParsed('json', [syntaxProblem(body, error as Error)]);
  }
  if (!isRecord(root)) return nothingParsed('json', [problemAt({ line: 1 }, { code: 'not-a-document' })]);

  const index = jsonLineIndex(text);
  const problems: ImportProblem[] = [];
  const document: FactDocument = { nodes: [], relations: [] };
  const locators: ParsedImport['locators'] = { nodes: [], relations: [] };
  const declared = new Set<string>();
  // A first occurrence is named by its line and JSON path.
  const duplicates = new Duplicates(problems, (locate): Location => locate([]));
  const member = (name: string) => jsonLocator(index, [name])([]);

  for (const name of Object.keys(root)) {
    if (name !== 'nodes' && name !== 'relations') {
      problems.push(problemAt(member(name), { code: 'unknown-document-member' }));
    }
  }
  const list = (name: 'nodes' | 'relations'): unknown[] => {
    const value = root[name];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      problems.push(problemAt(member(name), { code: 'not-an-array' }));
      return [];
    }
    return value;
  };
  const nodes = list('nodes');
  const relations = list('relations');

  nodes.forEach((raw, i) => {
    const locate: Locator = jsonLocator(index, ['nodes', i]);
    const ref = declaredRef(raw);
    if (ref) declared.add(ref);
    const node = validateNode(raw, locate, problems);
    if (node && duplicates.node(node, locate) && duplicates.evidence(node, locate)) {
      document.nodes.push(node);
      locators.nodes.push(locate);
    }
  });
  relations.forEach((raw, i) => {
    const locate = jsonLocator(index, ['relations', i]);
    const rel = validateRelation(raw, locate, problems);
    if (rel && duplicates.relation(rel, locate)) {
      document.relations.push(rel);
      locators.relations.push(locate);
    }
  });
  if (nodes.length === 0 && relations.length === 0 && problems.length === 0) {
    problems.push(problemAt({}, { code: 'no-items' }));
  }
  return { format: 'json', document, problems: sortProblems(problems), locators, declared };
}
