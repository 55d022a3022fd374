/** Files the server reads at run time are found from the project root, from src/ (tsx) as from dist/ (the bundle). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRoot, PROJECT_ROOT } from '../../src/project-root.ts';

describe('the project root', () => {
  it('is the folder of this project’s package.json', () => {
    expect(JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')).name).toBe('hitech-kg');
    expect(fromRoot('cypher')).toBe(`${PROJECT_ROOT}/cypher`);
  });
});
