/**
 * data/generated/seed-facts.json (src/graph/seed-facts.ts) is exactly what the data and the code build
 * now: the seed reads that file instead of building the facts at every first start.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  buildSeedFacts,
  formatSeedFacts,
  SEED_FACTS_FILE,
  seedFacts,
  seedInputsHash,
} from '../../src/graph/seed-facts.ts';

const built = buildSeedFacts();
const dir = mkdtempSync(path.join(os.tmpdir(), 'seed-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('data/generated/seed-facts.json', () => {
  it('is what `npm run seed:build` writes from the data and the code as they are (else run it and commit the file)', () => {
    const expected = formatSeedFacts(built, seedInputsHash());
    // Not toEqual on the texts: a stale file would print a diff of a megabyte.
    const stale = readFileSync(SEED_FACTS_FILE, 'utf8') !== expected;
    expect(stale, 'data/generated/seed-facts.json is stale: run `npm run seed:build` and commit it').toBe(
      false,
    );
  });

  it('is read by seedFacts() as the document buildSeedFacts() gives', () => {
    expect(JSON.parse(JSON.stringify(seedFacts()))).toEqual(JSON.parse(JSON.stringify(built)));
  });

  it('is not used when the data changed since it was built: the facts are built anew, with a warning', () => {
    const file = path.join(dir, 'stale.json');
    writeFileSync(file, formatSeedFacts({ nodes: [], relations: [] }, 'a hash of other data'));
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      const doc = seedFacts(file);
      expect(doc.nodes).toHaveLength(built.nodes.length);
      expect(String(warn.mock.calls[0]?.[0])).toMatch(/run `npm run seed:build`/);
    } finally {
      warn.mockRestore();
    }
  });

  it('is not needed: without it the facts are built, with the same warning', () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    try {
      expect(seedFacts(path.join(dir, 'absent.json')).relations).toHaveLength(built.relations.length);
      expect(warn).toHaveBeenCalledOnce();
    } finally {
      warn.mockRestore();
    }
  });
});
