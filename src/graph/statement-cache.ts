/**
 * Compiled read statements, kept by the inputs they were compiled from. Building a statement as a tree
 * (@neo4j/cypher-builder) costs about 0.1–0.2 ms, a tenth of a small request's CPU; clients that ask the
 * same list again (a dashboard, the Explorer's first view, a persisted operation) get the text and
 * parameters compiled the first time. A statement is a pure function of its inputs: same inputs, same
 * text, same parameters, same reader of its rows. Least recently used entries go first.
 */
export class StatementCache<T> {
  private readonly entries = new Map<string, T>();

  constructor(private readonly capacity: number) {}

  /** The entry for `key`, compiled by `compile` when absent. */
  get(key: string, compile: () => T): T {
    const found = this.entries.get(key);
    if (found !== undefined) {
      // Map keeps insertion order: re-inserting makes this entry the most recently used.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    const compiled = compile();
    this.entries.set(key, compiled);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    return compiled;
  }

  get size(): number {
    return this.entries.size;
  }
}
