/**
 * bench/startup.ts reads what a first `npm start` paid for its seeding from that start's own log: the
 * ready line's startMs (src/main.ts), from Neo4j answering and the app's modules loaded to the store
 * seeded.
 */
import { describe, expect, it } from 'vitest';
import { classDataOf, seededFromOf, seedingOf, unpackOf } from '../../bench/startup.ts';

const line = (startMs: Record<string, number>) =>
  JSON.stringify({ level: 30, msg: 'hitech-kg is ready', neo4j: 'local', startMs });

describe('the seeding of a first start, read from its log', () => {
  it('is the time from Neo4j answering to the store prepared', () => {
    const log = [
      JSON.stringify({ level: 30, msg: 'the database is empty: seeding it' }),
      line({ neo4j: 3_000, modules: 2_000, store: 5_500, searchWarmUp: 5_900, total: 6_000 }),
      '',
    ].join('\n');
    expect(seedingOf(log)).toBe(2_500);
  });

  it('starts when the app modules are loaded, if they came after Neo4j', () => {
    expect(seedingOf(line({ neo4j: 3_000, modules: 3_400, store: 5_500 }))).toBe(2_100);
  });

  it('with the shipped seeded store, is its unpacking before the JVM plus what the store needed after', () => {
    const log = [
      JSON.stringify({ level: 30, msg: 'started from the shipped seeded store: nothing to seed' }),
      line({
        neo4j: 3_000,
        modules: 2_000,
        seededStore: 40,
        store: 3_005,
        searchWarmUp: 4_000,
        total: 4_100,
      }),
    ].join('\n');
    expect(seedingOf(log)).toBe(45);
    expect(unpackOf(log)).toBe(40);
    expect(seededFromOf(log)).toBe('shipped store');
  });

  it('says when the start seeded with seed() instead (no unpacking)', () => {
    const log = [
      JSON.stringify({ level: 30, msg: 'the database is empty: seeding it' }),
      line({ neo4j: 3_000, modules: 2_000, store: 5_500 }),
    ].join('\n');
    expect(unpackOf(log)).toBeNull();
    expect(seededFromOf(log)).toBe('seed()');
    expect(seededFromOf('')).toBeNull();
  });

  it('is null when the start logged no ready line (or not as JSON)', () => {
    expect(seedingOf('hitech-kg is ready, but not JSON\n')).toBeNull();
    expect(seedingOf(JSON.stringify({ msg: 'seeded' }))).toBeNull();
  });
});

describe("how the first start had Neo4j's classes, read from its log", () => {
  it('is the class-data mode its local Neo4j logged at start', () => {
    const log = `${JSON.stringify({ level: 30, classData: 'record', msg: 'starting local Neo4j 5.26.30' })}\n`;
    expect(classDataOf(log)).toBe('record');
    expect(classDataOf('')).toBeNull();
  });
});
