/** bench/bulk.ts runs the import as users do: node with package.json's import script's arguments. */
import { describe, expect, it } from 'vitest';
import { importNodeArguments } from '../../bench/bulk.ts';

describe('importNodeArguments', () => {
  it("is package.json's `npm run import` without `node`: its V8 flags, tsx, then the command", () => {
    const args = importNodeArguments();
    expect(args.at(-1)).toBe('src/cli/import.ts');
    // The CSV files' garbage collection (docs/benchmarks.md, "Bulk load, third pass").
    expect(args).toContain('--max-semi-space-size=64');
    expect(args.slice(-3, -1)).toEqual(['--import', 'tsx']);
  });
});
