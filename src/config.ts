/**
 * The only reader of process.env. Every variable is parsed once, at start, with zod; every problem is
 * reported together so that one run shows all that needs fixing. README.md and .env.example list the
 * same variables: keep the three in step.
 */

import path from 'node:path';
import { z } from 'zod';
import { SEARCH_DEFAULTS } from './graph/input-rules.ts';
import { DEFAULT_CYPHER_LIMITS } from './neo4j/analyst-limits.ts';

const port = z.coerce.number().int().min(0).max(65535);
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const memory = z.string().regex(/^\d+[kmg]$/i, 'must be a size such as 512m or 1g');

/**
 * The query limits when no variable sets them. yoga.ts's DEFAULT_LIMITS (an app built without options, as
 * in tests) is this object, so the defaults of a server and of a test app cannot drift apart.
 */
export const QUERY_LIMIT_DEFAULTS = Object.freeze({
  maxPageSize: 100,
  maxDepth: 15,
  maxComplexity: 200_000,
  maxBreadth: 500,
  maxAliases: 30,
  maxTokens: 5_000,
  maxInputDepth: 16,
  maxInputValues: 1_000,
  maxBodyBytes: 262_144,
  searchMaxLength: SEARCH_DEFAULTS.maxLength,
  searchMaxTerms: SEARCH_DEFAULTS.maxTerms,
});

/** The listener's bounds when no variable sets them (server.ts uses the same object). */
export const LISTENER_DEFAULTS = Object.freeze({
  requestTimeoutMs: 15_000,
  maxConnections: 1_024,
  maxConnectionsPerClient: 128,
});

export const NEO4J_PROVIDERS = ['auto', 'uri', 'container', 'local'] as const;
export type Neo4jProvider = (typeof NEO4J_PROVIDERS)[number];

const envSchema = z
  .object({
    HOST: z.string().min(1).default('127.0.0.1'),
    PORT: port.default(4000),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().min(1).default('.data'),
    SEED_ON_START: flag.default(true),

    NEO4J_PROVIDER: z.enum(NEO4J_PROVIDERS).default('auto'),
    NEO4J_URI: z
      .string()
      .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a Bolt URI such as neo4j://localhost:7687')
      .optional(),
    NEO4J_USER: z.string().min(1).default('neo4j'),
    NEO4J_PASSWORD: z.string().optional(),
    NEO4J_DATABASE: z.string().min(1).default('neo4j'),
    NEO4J_HEAP: memory.default('512m'),
    NEO4J_PAGECACHE: memory.default('256m'),
    NEO4J_STARTUP_TIMEOUT_MS: z.coerce.number().int().positive().default(180_000),
    NEO4J_QUERY_TIMEOUT_MS: z.coerce.number().int().positive().default(15_000),

    API_KEYS: z
      .string()
      .regex(
        /^(analyst|editor):[^,:\s]{16,}(,(analyst|editor):[^,:\s]{16,})*$/,
        'must be comma-separated scope:key pairs, scopes analyst or editor, keys of 16+ characters (e.g. editor:k3y…)',
      )
      .optional(),
    MAX_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(QUERY_LIMIT_DEFAULTS.maxPageSize),
    MAX_DEPTH: z.coerce.number().int().min(1).default(QUERY_LIMIT_DEFAULTS.maxDepth),
    MAX_COMPLEXITY: z.coerce.number().int().min(1).default(QUERY_LIMIT_DEFAULTS.maxComplexity),
    MAX_BREADTH: z.coerce.number().int().min(1).default(QUERY_LIMIT_DEFAULTS.maxBreadth),
    MAX_ALIASES: z.coerce.number().int().min(0).default(QUERY_LIMIT_DEFAULTS.maxAliases),
    MAX_TOKENS: z.coerce.number().int().min(10).default(QUERY_LIMIT_DEFAULTS.maxTokens),
    FIELD_SUGGESTIONS: flag.default(true),
    INTROSPECTION: flag.default(true),
    GRAPHQL_JIT: flag.default(true),
    CORS_ORIGINS: z.string().default('*'),
    PERSISTED_OPERATIONS: z.string().optional(),
    PERSISTED_OPERATIONS_ONLY: flag.default(false),
    CYPHER_TIMEOUT_MS: z.coerce.number().int().positive().default(DEFAULT_CYPHER_LIMITS.timeoutMs),
    CYPHER_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_CYPHER_LIMITS.maxRows),
    MAX_INPUT_DEPTH: z.coerce.number().int().min(2).default(QUERY_LIMIT_DEFAULTS.maxInputDepth),
    MAX_INPUT_VALUES: z.coerce.number().int().min(10).default(QUERY_LIMIT_DEFAULTS.maxInputValues),
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).default(QUERY_LIMIT_DEFAULTS.maxBodyBytes),
    REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1_000).default(LISTENER_DEFAULTS.requestTimeoutMs),
    MAX_CONNECTIONS: z.coerce.number().int().min(1).default(LISTENER_DEFAULTS.maxConnections),
    MAX_CONNECTIONS_PER_CLIENT: z.coerce
      .number()
      .int()
      .min(1)
      .default(LISTENER_DEFAULTS.maxConnectionsPerClient),
    DEBUG_ERRORS: flag.default(false),
    SOURCE_MAPS: flag.optional(),
    BOOKMARK_SECRET: z.string().min(16, 'must have 16 or more characters').optional(),
    // Input size: search(text:) is refused past these, before any Cypher (src/graph/search-query.ts).
    SEARCH_MAX_LENGTH: z.coerce.number().int().min(1).max(10_000).default(SEARCH_DEFAULTS.maxLength),
    SEARCH_MAX_TERMS: z.coerce.number().int().min(1).max(100).default(SEARCH_DEFAULTS.maxTerms),
    CYPHER_MAX_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_CYPHER_LIMITS.maxBytes),
    CYPHER_MAX_VALUES: z.coerce.number().int().min(1).default(DEFAULT_CYPHER_LIMITS.maxValues),
    CYPHER_MAX_CONCURRENT: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(DEFAULT_CYPHER_LIMITS.maxConcurrent),
    CYPHER_MAX_QUERY_LENGTH: z.coerce.number().int().min(10).default(DEFAULT_CYPHER_LIMITS.maxQueryLength),
    CYPHER_MAX_PARAMS_BYTES: z.coerce.number().int().min(64).default(DEFAULT_CYPHER_LIMITS.maxParamsBytes),
    // Faults: a dead local Neo4j is restarted; a frozen one fails requests and readiness fast.
    NEO4J_MAX_RESTARTS: z.coerce.number().int().min(0).max(100).default(5),
    NEO4J_RESTART_BACKOFF_MS: z.coerce.number().int().min(100).default(1_000),
    NEO4J_ACQUISITION_TIMEOUT_MS: z.coerce.number().int().min(100).default(2_000),
    NEO4J_PING_TIMEOUT_MS: z.coerce.number().int().min(100).default(1_000),
    // Where Neo4j comes from: the Java of a local server, the Docker engine of a container.
    JAVA_HOME: z.string().optional(),
    DOCKER_HOST: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NEO4J_PROVIDER === 'uri' && !env.NEO4J_URI) {
      ctx.addIssue({ code: 'custom', path: ['NEO4J_URI'], message: 'is required when NEO4J_PROVIDER=uri' });
    }
  });

export type Config = ReturnType<typeof toConfig>;

export type Scope = 'analyst' | 'editor';
export interface ApiKey {
  scope: Scope;
  key: string;
}

function parseApiKeys(value: string | undefined): ApiKey[] {
  if (!value) return [];
  return value.split(',').map((pair) => {
    const at = pair.indexOf(':');
    return { scope: pair.slice(0, at) as Scope, key: pair.slice(at + 1) };
  });
}

function toConfig(env: z.infer<typeof envSchema>, cwd: string, environment: NodeJS.ProcessEnv) {
  return {
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    dataDir: path.resolve(cwd, env.DATA_DIR),
    seedOnStart: env.SEED_ON_START,
    apiKeys: parseApiKeys(env.API_KEYS),
    limits: {
      maxPageSize: env.MAX_PAGE_SIZE,
      maxDepth: env.MAX_DEPTH,
      maxComplexity: env.MAX_COMPLEXITY,
      maxBreadth: env.MAX_BREADTH,
      maxAliases: env.MAX_ALIASES,
      maxTokens: env.MAX_TOKENS,
      maxInputDepth: env.MAX_INPUT_DEPTH,
      maxInputValues: env.MAX_INPUT_VALUES,
      maxBodyBytes: env.MAX_BODY_BYTES,
      searchMaxLength: env.SEARCH_MAX_LENGTH,
      searchMaxTerms: env.SEARCH_MAX_TERMS,
    },
    debugErrors: env.DEBUG_ERRORS,
    // neo4j-driver captures a stack trace for every statement; mapping it through source maps cost about
    // 9 % of a lookup's CPU (scratch A/B over HTTP). On where stack traces are for people: DEBUG_ERRORS.
    sourceMaps: env.SOURCE_MAPS ?? env.DEBUG_ERRORS,
    bookmarkSecret: env.BOOKMARK_SECRET,
    listener: {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      maxConnections: env.MAX_CONNECTIONS,
      maxConnectionsPerClient: env.MAX_CONNECTIONS_PER_CLIENT,
    },
    fieldSuggestions: env.FIELD_SUGGESTIONS,
    introspection: env.INTROSPECTION,
    graphqlJit: env.GRAPHQL_JIT,
    corsOrigins: env.CORS_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    persistedOperations: env.PERSISTED_OPERATIONS
      ? { file: path.resolve(cwd, env.PERSISTED_OPERATIONS), only: env.PERSISTED_OPERATIONS_ONLY }
      : undefined,
    cypher: {
      timeoutMs: env.CYPHER_TIMEOUT_MS,
      maxRows: env.CYPHER_MAX_ROWS,
      maxBytes: env.CYPHER_MAX_BYTES,
      maxValues: env.CYPHER_MAX_VALUES,
      maxConcurrent: env.CYPHER_MAX_CONCURRENT,
      maxQueryLength: env.CYPHER_MAX_QUERY_LENGTH,
      maxParamsBytes: env.CYPHER_MAX_PARAMS_BYTES,
    },
    neo4j: {
      provider: env.NEO4J_PROVIDER,
      uri: env.NEO4J_URI,
      user: env.NEO4J_USER,
      password: env.NEO4J_PASSWORD,
      database: env.NEO4J_DATABASE,
      heap: env.NEO4J_HEAP,
      pageCache: env.NEO4J_PAGECACHE,
      startupTimeoutMs: env.NEO4J_STARTUP_TIMEOUT_MS,
      queryTimeoutMs: env.NEO4J_QUERY_TIMEOUT_MS,
      javaHome: env.JAVA_HOME,
      dockerHost: env.DOCKER_HOST,
      // The whole environment, for a local JVM: it keeps only what Java and the OS need (jvmEnvironment).
      environment,
    },
    faults: {
      maxRestarts: env.NEO4J_MAX_RESTARTS,
      restartBackoffMs: env.NEO4J_RESTART_BACKOFF_MS,
      acquisitionTimeoutMs: env.NEO4J_ACQUISITION_TIMEOUT_MS,
      pingTimeoutMs: env.NEO4J_PING_TIMEOUT_MS,
    },
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws one ConfigError that lists every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  // An empty variable means "not set": `PORT= npm start` should take the default, not fail.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        const value = typeof issue.path[0] === 'string' ? present[issue.path[0]] : undefined;
        return `${name}${value === undefined ? '' : `=${JSON.stringify(value)}`}: ${issue.message}`;
      }),
    );
  }
  return toConfig(parsed.data, cwd, env);
}
