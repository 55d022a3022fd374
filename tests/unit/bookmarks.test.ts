/** Bookmarks go out signed and come back only signed by this deployment (src/neo4j/causal.ts). */
import { describe, expect, it } from 'vitest';
import { parseBookmarks, signBookmark } from '../../src/neo4j/causal.ts';

const SECRET = 'a-secret-of-this-deployment';
const REAL = 'FB:kcwQAAAAAAAAAAAAAAAAAAAAAAAAkA==';

describe('Neo4j-Bookmark header', () => {
  it('gives back what it signed', () => {
    expect(parseBookmarks(`${signBookmark(SECRET, REAL)}, ${signBookmark(SECRET, 'FB:x')}`, SECRET)).toEqual([
      REAL,
      'FB:x',
    ]);
    expect(parseBookmarks(null, SECRET)).toEqual([]);
  });

  it.each([
    ['an unsigned bookmark', REAL],
    ['one signed with another secret', signBookmark('another-deployment-secret', REAL)],
    ['a signature moved to another bookmark', `FB:tx99999999~${signBookmark(SECRET, REAL).split('~')[1]}`],
    ['a truncated signature', signBookmark(SECRET, REAL).slice(0, -1)],
  ])('refuses %s, naming BOOKMARK_SECRET', (_name, header) => {
    const parsed = parseBookmarks(header, SECRET);
    expect(parsed).toMatchObject({ error: expect.stringMatching(/BOOKMARK_SECRET/) });
  });

  it('refuses more than 16 bookmarks, and characters no bookmark has', () => {
    const many = Array.from({ length: 17 }, (_, i) => signBookmark(SECRET, `FB:${i}`)).join(',');
    expect(parseBookmarks(many, SECRET)).toMatchObject({ error: expect.stringMatching(/at most 16/) });
    expect(parseBookmarks(signBookmark(SECRET, 'FB:<script>'), SECRET)).toHaveProperty('error');
  });
});
