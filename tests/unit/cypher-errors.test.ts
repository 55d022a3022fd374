/** What an analyst sees of Neo4j's own error text: the part about the query, not Neo4j's internals. */
import { describe, expect, it } from 'vitest';
import { clientMessage } from '../../src/schema/errors.ts';

describe('clientMessage', () => {
  it('drops "Caused by:" and Java class names, keeping what is wrong', () => {
    const text = clientMessage(
      'Failed to invoke procedure `db.index.fulltext.queryNodes`: Caused by: java.lang.IllegalArgumentException: There is no such fulltext schema index: nope',
    );
    expect(text).toBe(
      'Failed to invoke procedure `db.index.fulltext.queryNodes`: There is no such fulltext schema index: nope',
    );
    expect(text).not.toMatch(/java\.|Exception|Caused by/);
  });

  it('keeps a syntax error’s position and drops the lines after the first', () => {
    expect(
      clientMessage(
        "Invalid input 'RETRN': expected 'RETURN' (line 1, column 1 (offset: 0))\n\"RETRN 1\"\n ^",
      ),
    ).toBe("Invalid input 'RETRN': expected 'RETURN' (line 1, column 1 (offset: 0))");
  });
});
