import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { DEFAULT_LIMITS } from '../../src/http/yoga.ts';

describe('loadConfig', () => {
  it('gives sensible defaults for an empty environment', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(4000);
    expect(config.dataDir).toBe('/srv/app/.data');
    expect(config.neo4j.provider).toBe('auto');
    expect(config.neo4j.uri).toBeUndefined();
    expect(config.seedOnStart).toBe(true);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(4000);
  });

  it('reads every variable it documents', () => {
    const config = loadConfig(
      {
        HOST: '0.0.0.0',
        PORT: '8080',
        DATA_DIR: '/var/lib/kg',
        NEO4J_URI: 'neo4j://db:7687',
        NEO4J_USER: 'reader',
        NEO4J_PASSWORD: 'secret',
        NEO4J_DATABASE: 'kg',
        SEED_ON_START: 'false',
        DEBUG_ERRORS: 'true',
      },
      '/srv/app',
    );
    expect(config).toMatchObject({
      host: '0.0.0.0',
      port: 8080,
      dataDir: '/var/lib/kg',
      seedOnStart: false,
      debugErrors: true,
      neo4j: { uri: 'neo4j://db:7687', user: 'reader', password: 'secret', database: 'kg' },
    });
  });

  it('maps stack traces to TypeScript only where they are read by people: SOURCE_MAPS, else DEBUG_ERRORS', () => {
    expect(loadConfig({}).sourceMaps).toBe(false);
    expect(loadConfig({ DEBUG_ERRORS: 'true' }).sourceMaps).toBe(true);
    expect(loadConfig({ SOURCE_MAPS: 'true' }).sourceMaps).toBe(true);
    expect(loadConfig({ DEBUG_ERRORS: 'true', SOURCE_MAPS: 'false' }).sourceMaps).toBe(false);
  });

  it('reports every problem at once, naming the variable and its value', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', NEO4J_URI: 'http://db:7474', LOG_LEVEL: 'loud', NEO4J_HEAP: 'lots' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/PORT="eighty"/);
    expect(problems.join('\n')).toMatch(/NEO4J_URI="http:\/\/db:7474": must be a Bolt URI/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL="loud"/);
    expect(problems.join('\n')).toMatch(/NEO4J_HEAP="lots": must be a size/);
  });

  it('requires NEO4J_URI when the provider is forced to uri', () => {
    expect(() => loadConfig({ NEO4J_PROVIDER: 'uri' })).toThrow(
      /NEO4J_URI: is required when NEO4J_PROVIDER=uri/,
    );
  });

  it("gives the same query limits as an app built without options (yoga's DEFAULT_LIMITS)", () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toMatchObject({ maxPageSize: 100, maxDepth: 15, maxComplexity: 200_000 });
  });
});
