/**
 * The bounds of one analyst `cypher` answer, and the typed errors the runner reports when one is
 * passed. Every limit names its variable, so the message tells an operator what to raise.
 */
export interface CypherLimits {
  /** CYPHER_TIMEOUT_MS: the transaction's timeout; the worker is stopped shortly after it. */
  timeoutMs: number;
  /** CYPHER_MAX_ROWS: rows beyond it are cut and the answer says `truncated`. */
  maxRows: number;
  /** CYPHER_MAX_BYTES: bytes read from Neo4j for the query, and bytes of the answer as JSON. */
  maxBytes: number;
  /** CYPHER_MAX_VALUES: scalars, list elements and map entries in the answer. */
  maxValues: number;
  /** CYPHER_MAX_CONCURRENT: analyst queries running (or still running in Neo4j) at once. */
  maxConcurrent: number;
  /** CYPHER_MAX_QUERY_LENGTH: characters of the query text. */
  maxQueryLength: number;
  /** CYPHER_MAX_PARAMS_BYTES: size of the params object as JSON. */
  maxParamsBytes: number;
}

export const DEFAULT_CYPHER_LIMITS: CypherLimits = {
  timeoutMs: 5_000,
  maxRows: 1_000,
  maxBytes: 4 * 1024 * 1024,
  maxValues: 500_000,
  maxConcurrent: 2,
  maxQueryLength: 10_000,
  maxParamsBytes: 64 * 1024,
};

/** Nesting of params beyond this is refused: no legitimate query needs it, and deep values overflow stacks. */
export const MAX_PARAMS_DEPTH = 32;

export type AnalystErrorKind = 'refused' | 'cap' | 'timeout' | 'memory' | 'busy';

/** An analyst query that was refused or stopped, with a message for the analyst. */
export class AnalystQueryError extends Error {
  override name = 'AnalystQueryError';
  constructor(
    readonly kind: AnalystErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** 4194304 → "4 MB", 262144 → "256 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/**
 * Refuses params that are too large or too deep, walking them once and stopping as soon as a bound
 * is passed (a 20 MB object costs no more to refuse than a small one).
 */
export function checkParams(params: unknown, limits: Pick<CypherLimits, 'maxParamsBytes'>): void {
  let bytes = 0;
  const add = (n: number) => {
    bytes += n;
    if (bytes > limits.maxParamsBytes) {
      throw new AnalystQueryError(
        'refused',
        `params are larger than ${formatBytes(limits.maxParamsBytes)} (CYPHER_MAX_PARAMS_BYTES): send less, or keep the data in the graph.`,
      );
    }
  };
  // Each pushed child has cost at least one byte, so the stack stays within the byte bound.
  const stack: [unknown, number][] = [[params, 1]];
  while (stack.length) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_PARAMS_DEPTH) {
      throw new AnalystQueryError(
        'refused',
        `params are nested more than ${MAX_PARAMS_DEPTH} levels deep: flatten them.`,
      );
    }
    if (typeof value === 'string') add(value.length + 2);
    else if (Array.isArray(value)) {
      add(2);
      for (const item of value) {
        add(1);
        stack.push([item, depth + 1]);
      }
    } else if (value && typeof value === 'object') {
      add(2);
      for (const key in value) {
        add(key.length + 4);
        stack.push([(value as Record<string, unknown>)[key], depth + 1]);
      }
    } else add(8);
  }
}
