/**
 * The headline rule (src/graph/claims.ts) asked as the analyst asked it (a15 defect 3): a claim is of
 * its Source's kind, and a value stays headline over a press date only when the claim states how it
 * follows from an official text (its basis).
 */
import { describe, expect, it } from 'vitest';
import { claimKind, headlineValue } from '../../src/graph/claims.ts';
import type { Claim } from '../../src/graph/facts.ts';

const kinds = new Map([
  ['renwuwiki', 'aggregator'],
  ['china-daily', 'press'],
  ['gov', 'official'],
]);
const shenzhen1991: Claim = {
  property: 'approvedYear',
  value: 1991,
  source: 'renwuwiki',
  quote: '石家庄济南上海大连、深圳、厦门',
  basis: 'inferred by elimination from the State Council lists of 1991 and 1992',
};
const chinaDaily1996: Claim = {
  property: 'approvedYear',
  value: 1996,
  source: 'china-daily',
  quote: '1996: Shenzhen …',
};

describe('headline rule: kinds are the sources’ own', () => {
  it('counts an aggregator page as an aggregator, whatever it reproduces', () => {
    expect(claimKind(shenzhen1991, kinds)).toBe('aggregator');
  });

  it('Shenzhen: 1991, inferred from the official lists with its reasoning, stays headline over China Daily’s 1996', () => {
    expect(headlineValue([chinaDaily1996, shenzhen1991], kinds, 1996)).toBe(1991);
  });

  it('without a stated basis, the aggregator’s 1991 loses to the press’s 1996', () => {
    const { basis: _basis, ...bare } = shenzhen1991;
    expect(headlineValue([chinaDaily1996, bare], kinds, 1991)).toBe(1996);
  });

  it('a source of kind official outranks an inference from an official text', () => {
    const official: Claim = { property: 'approvedYear', value: 1992, source: 'gov', quote: '…' };
    expect(headlineValue([shenzhen1991, official], kinds)).toBe(1992);
  });
});
