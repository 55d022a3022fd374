import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NEO4J_IMAGE, NEO4J_VERSION } from '../../src/neo4j/versions.ts';

const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

describe('one Neo4j version everywhere', () => {
  it('is a 5.26 patch', () => {
    expect(NEO4J_VERSION).toMatch(/^5\.26\.\d+$/);
  });

  it('matches the Maven artifacts of the local server', () => {
    expect(read('neo4j/pom.xml')).toContain(`<neo4j.version>${NEO4J_VERSION}</neo4j.version>`);
  });

  it('matches the image of docker-compose.yml', () => {
    expect(read('docker-compose.yml')).toContain(`image: ${NEO4J_IMAGE}`);
  });
});
