/**
 * The bench's picks (bench/generate.ts): the zone of `zoneCompanies` has more than 100 companies at
 * the scales the bench runs, so that its 100-item page is full and cut by the LIMIT.
 */
import { describe, expect, it } from 'vitest';
import { generate } from '../../bench/generate.ts';

describe('bench picks', () => {
  for (const sf of [0.01, 0.1]) {
    it(`zoneKey has more than 100 companies at SF ${sf}`, () => {
      const data = generate(sf, 42);
      const companies = new Set(
        data.relations
          .filter((g) => g.type === 'ORIGINATED_IN')
          .flatMap((g) => g.rows.filter((r) => r.to === data.picks.zoneKey).map((r) => r.from)),
      );
      expect(companies.size).toBeGreaterThan(100);
    });
  }
});
