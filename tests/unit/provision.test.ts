import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import {
  dockerAnswers,
  HOW_TO_GET_NEO4J,
  Neo4jUnavailableError,
  provisionNeo4j,
} from '../../src/neo4j/provision.ts';

const base = {
  user: 'neo4j',
  database: 'neo4j',
  dataDir: '/nonexistent',
  heap: '256m',
  pageCache: '64m',
  startupTimeoutMs: 1000,
  log: createLogger('silent'),
  javaHome: undefined,
  environment: {},
};

describe('provisionNeo4j', () => {
  it('takes NEO4J_URI first, starting nothing', async () => {
    const neo4j = await provisionNeo4j({
      ...base,
      provider: 'auto',
      uri: 'neo4j://db.example:7687',
      password: 'pw',
    });
    expect(neo4j).toMatchObject({ kind: 'uri', uri: 'neo4j://db.example:7687', password: 'pw' });
    await neo4j.stop(); // a no-op for a Neo4j we did not start
  });

  it('names the three ways to get a Neo4j when a forced provider cannot be had', async () => {
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    try {
      const error = await provisionNeo4j({
        ...base,
        provider: 'container',
        dockerHost: 'tcp://127.0.0.1:1',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Neo4jUnavailableError);
      expect((error as Error).message).toContain(HOW_TO_GET_NEO4J);
      await expect(provisionNeo4j({ ...base, provider: 'uri' })).rejects.toThrow(
        /NEO4J_PROVIDER=uri but NEO4J_URI is not set/,
      );
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });

  it('says why no Docker engine answers', async () => {
    const previous = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = 'tcp://127.0.0.1:1';
    try {
      const answer = await dockerAnswers('tcp://127.0.0.1:1');
      expect(answer).not.toBe(true);
      expect(typeof answer).toBe('string');
    } finally {
      if (previous === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = previous;
    }
  });
});
