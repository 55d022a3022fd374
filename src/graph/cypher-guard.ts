/**
 * The first layer that keeps the analyst's Cypher read-only and harmless, checked on the text before
 * the database sees it: no LOAD CSV, no CALL … IN TRANSACTIONS, no prefixes that change how or where
 * it runs (EXPLAIN, PROFILE, CYPHER options, USE), and only procedures of a small allow-list. The
 * second layer is the database's: EXPLAIN must say the query is read-only and its plan may hold no
 * operator that reaches outside the graph (checkPlan), and it runs in a READ transaction. The third is
 * the server's configuration (no file URLs, an empty import folder, no outbound connections).
 *
 * The text is read by one left-to-right tokeniser, as Cypher's lexer reads it: a comment marker inside
 * a string, a quote inside a backtick-quoted name, or an exotic whitespace character between two
 * keywords cannot hide anything, because each character is classified once, in order.
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

const LOAD_CSV_REFUSED = 'LOAD CSV is not allowed: this endpoint reads the graph only, never files or URLs.';
const IN_TRANSACTIONS_REFUSED =
  'CALL { … } IN TRANSACTIONS is not allowed: it commits in batches, and this endpoint runs one read-only transaction; drop IN TRANSACTIONS.';

export type TokenKind = 'word' | 'name' | 'string' | 'param' | 'symbol';
export interface Token {
  kind: TokenKind;
  /** Names and strings unquoted; words and symbols as written. */
  text: string;
}

/**
 * Everything Cypher skips between tokens: Unicode separators and control characters (\u001c–\u001f,
 * \u000b, \u00a0, \u2028, \u3000 … are whitespace to Cypher) and zero-width characters. Treating a
 * superset as whitespace errs on the side of finding keywords, never of hiding them.
 */
const SPACE = /[\s\p{Cc}\p{Z}\u180e\u200b-\u200d\u2060\ufeff]/u;
const WORD = /[\p{L}\p{N}_$]/u;

/** Splits a query into tokens, skipping whitespace and comments; throws on an unterminated literal. */
export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = query.length;
  while (i < n) {
    const c = query[i] as string;
    if (SPACE.test(c)) {
      i++;
    } else if (c === '/' && query[i + 1] === '/') {
      while (i < n && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '/' && query[i + 1] === '*') {
      const end = query.indexOf('*/', i + 2);
      if (end < 0) throw new CypherRefusedError('The query has an unterminated comment (/* without */).');
      i = end + 2;
    } else if (c === "'" || c === '"') {
      let text = '';
      i++;
      while (i < n && query[i] !== c) {
        // A backslash escapes the next character, whatever it is: \' does not end the string.
        if (query[i] === '\\') i++;
        text += query[i] ?? '';
        i++;
      }
      if (i >= n)
        throw new CypherRefusedError(`The query has an unterminated string (${c} without its closing ${c}).`);
      i++;
      tokens.push({ kind: 'string', text });
    } else if (c === '`') {
      const [text, next] = backticked(query, i);
      tokens.push({ kind: 'name', text });
      i = next;
    } else if (c === '$') {
      let j = i + 1;
      if (query[j] === '`') {
        j = backticked(query, j)[1];
      } else {
        while (j < n && WORD.test(query[j] as string)) j++;
      }
      tokens.push({ kind: 'param', text: query.slice(i, j) });
      i = j;
    } else if (WORD.test(c)) {
      let j = i + 1;
      while (j < n && WORD.test(query[j] as string)) j++;
      tokens.push({ kind: 'word', text: query.slice(i, j) });
      i = j;
    } else {
      tokens.push({ kind: 'symbol', text: c });
      i++;
    }
  }
  return tokens;
}

/** A `backtick-quoted` name starting at `start` (`` inside it is one backtick): its text and the next index. */
function backticked(query: string, start: number): [string, number] {
  let text = '';
  let i = start + 1;
  for (;;) {
    const end = query.indexOf('`', i);
    if (end < 0)
      throw new CypherRefusedError('The query has an unterminated backtick-quoted name (` without `).');
    text += query.slice(i, end);
    if (query[end + 1] !== '`') return [text, end + 1];
    text += '`';
    i = end + 2;
  }
}

/** The query's code only: strings as '', names as `_`, comments and whitespace as one space. */
export function codeOnly(query: string): string {
  return tokenize(query)
    .map((t) => (t.kind === 'string' ? "''" : t.kind === 'name' ? '`_`' : t.text))
    .join(' ');
}

/** Keywords are case-insensitive. */
const isWord = (t: Token | undefined, ...words: string[]) =>
  t?.kind === 'word' && words.includes(t.text.toUpperCase());

/** Throws CypherRefusedError saying what is refused and why; returns the procedures the query calls. */
export function checkCypherText(query: string): string[] {
  const tokens = tokenize(query);
  const procedures: string[] = [];
  tokens.forEach((token, i) => {
    if (isWord(token, 'CSV') && isWord(tokens[i - 1], 'LOAD')) throw new CypherRefusedError(LOAD_CSV_REFUSED);
    if (isWord(token, 'TRANSACTIONS') && isWord(tokens[i - 1], 'IN', 'CONCURRENT'))
      throw new CypherRefusedError(IN_TRANSACTIONS_REFUSED);
    if (isWord(token, 'CALL')) {
      const name = procedureName(tokens, i + 1);
      if (name) procedures.push(name);
    }
  });
  const first = tokens[0];
  if (!first) throw new CypherRefusedError('The query is empty.');
  if (isWord(first, 'EXPLAIN', 'PROFILE', 'CYPHER', 'USE')) {
    throw new CypherRefusedError(
      `Queries may not start with ${first.text.toUpperCase()}: send the plain query; it runs on the graph's database with the server's options.`,
    );
  }
  // Administration (SHOW, TERMINATE, GRANT …) can look read-only to EXPLAIN: only reading clauses may lead.
  if (!isWord(first, ...READING_CLAUSES)) {
    throw new CypherRefusedError(
      `Queries must start with ${READING_CLAUSES.join(', ')}; ${first.kind === 'word' ? first.text.toUpperCase() : 'this'} is not allowed: this endpoint reads the graph only.`,
    );
  }
  if (tokens.slice(0, -1).some((t) => t.kind === 'symbol' && t.text === ';'))
    throw new CypherRefusedError('One statement at a time: multiple statements are not allowed.');
  const refused = procedures.filter((p) => !isAllowedProcedure(p));
  if (refused.length) {
    throw new CypherRefusedError(
      `Procedure ${refused.join(', ')} is not allowed; the allowed procedures are ${ALLOWED_PROCEDURES.join(', ')}.`,
    );
  }
  return procedures;
}

/** The dotted name (words or `names`) that starts at tokens[i], when it has at least one dot. */
function procedureName(tokens: Token[], i: number): string | null {
  const parts: string[] = [];
  for (let j = i; ; j += 2) {
    const part = tokens[j];
    if (part?.kind !== 'word' && part?.kind !== 'name') break;
    parts.push(part.text);
    if (tokens[j + 1]?.kind !== 'symbol' || tokens[j + 1]?.text !== '.') break;
  }
  return parts.length > 1 ? parts.join('.') : null;
}

function isAllowedProcedure(name: string): boolean {
  return ALLOWED_PROCEDURES.some((allowed) => allowed.toLowerCase() === name.toLowerCase());
}

interface PlanNode {
  operatorType?: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

/**
 * Refuses a plan with an operator that reaches outside the graph or outside one read transaction:
 * LoadCSV (files, URLs), procedures outside the allow-list, and CALL … IN TRANSACTIONS. This holds
 * whatever the text looked like, since it is what Neo4j would run.
 */
export function checkPlan(plan: unknown): void {
  const stack: PlanNode[] = plan ? [plan as PlanNode] : [];
  while (stack.length) {
    const node = stack.pop() as PlanNode;
    const operator = (node.operatorType ?? '').split('@')[0] ?? '';
    if (/^LoadCSV/i.test(operator)) throw new CypherRefusedError(LOAD_CSV_REFUSED);
    if (/^Transaction(Foreach|Apply)/i.test(operator)) throw new CypherRefusedError(IN_TRANSACTIONS_REFUSED);
    if (operator.startsWith('ProcedureCall')) {
      const details = String(node.arguments?.Details ?? node.arguments?.Signature ?? '');
      const name = /^([\w.]+)\(/.exec(details.trim())?.[1];
      if (!name || !isAllowedProcedure(name)) {
        throw new CypherRefusedError(`Procedure ${name ?? details} is not allowed.`);
      }
    }
    stack.push(...(node.children ?? []));
  }
}
