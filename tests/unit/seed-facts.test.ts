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
import { recordingLogger } from '../support/recording-logger.ts';

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

  it('is not used when the data changed since it was built: the facts are built anew, with a log line saying what to run', () => {
    const file = path.join(dir, 'stale.json');
    writeFileSync(file, formatSeedFacts({ nodes: [], relations: [] }, 'a hash of other data'));
    const { log, lines } = recordingLogger();
    const warning = vi.spyOn(process, 'emitWarning');
    try {
      const doc = seedFacts(file, log);
      expect(doc.nodes).toHaveLength(built.nodes.length);
      // A pino warn line of the server's log (not a Node process warning on stderr), with the fix.
      expect(warning).not.toHaveBeenCalled();
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({ level: 40, fix: 'npm run seed:build' });
      expect(String(lines[0]?.msg)).toMatch(
        /stale\.json is older than data\/curated .*run `npm run seed:build`/,
      );
    } finally {
      warning.mockRestore();
    }
  });

  it('is not needed: without it the facts are built, with the same log line', () => {
    const { log, lines } = recordingLogger();
    expect(seedFacts(path.join(dir, 'absent.json'), log).relations).toHaveLength(built.relations.length);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 40, fix: 'npm run seed:build' });
    expect(String(lines[0]?.msg)).toMatch(/absent\.json is missing or unreadable/);
  });

  it('is not reported when it is current', () => {
    const { log, lines } = recordingLogger();
    seedFacts(undefined, log);
    expect(lines).toHaveLength(0);
  });
});
