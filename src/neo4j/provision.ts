/**
 * Where the Neo4j comes from, in the one order that `npm start`, the tests and the benchmarks share:
 *   1. NEO4J_URI (with NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE) when set;
 *   2. else a testcontainer, when a Docker engine answers;
 *   3. else a local Neo4j community server run from Maven Central artifacts (Java 17+ and Maven).
 * When none is possible, one error names all three ways.
 */
import { existsSync } from 'node:fs';
import type { Neo4jProvider } from '../config.ts';
import {
  type LocalNeo4jOptions,
  localNeo4jPrerequisites,
  Neo4jUnavailableError,
  startLocalNeo4j,
} from './local-neo4j.ts';
import { NEO4J_IMAGE } from './versions.ts';

export { Neo4jUnavailableError };

/** Where to look, and (through LocalNeo4jOptions) how to run a local server when it comes to that. */
export interface ProvisionOptions extends Omit<LocalNeo4jOptions, 'port'> {
  provider: Neo4jProvider;
  uri?: string | undefined;
  user: string;
  password?: string | undefined;
  database: string;
  /** DOCKER_HOST (config.ts): without it, a container needs the default Docker socket. */
  dockerHost?: string | undefined;
}

export interface ProvisionedNeo4j {
  kind: 'uri' | 'container' | 'local';
  uri: string;
  user: string;
  /** Undefined when the server runs without authentication (the local server). */
  password: string | undefined;
  database: string;
  /** Stops what we started; a no-op for an external NEO4J_URI. */
  stop(): Promise<void>;
}

export const HOW_TO_GET_NEO4J = [
  'No Neo4j could be reached. Give hitech-kg one of these:',
  '  1. an existing Neo4j 5: NEO4J_URI=neo4j://host:7687 NEO4J_USER=neo4j NEO4J_PASSWORD=... (NEO4J_DATABASE=neo4j)',
  `  2. a running Docker engine: ${NEO4J_IMAGE} is then started with testcontainers`,
  '  3. Java 17+ and Maven on PATH: a local Neo4j Community server is then run from Maven Central artifacts',
].join('\n');

export async function provisionNeo4j(options: ProvisionOptions): Promise<ProvisionedNeo4j> {
  const { provider, log } = options;
  if (options.uri && (provider === 'auto' || provider === 'uri')) {
    log.info({ uri: options.uri }, 'using the Neo4j at NEO4J_URI');
    return {
      kind: 'uri',
      uri: options.uri,
      user: options.user,
      password: options.password,
      database: options.database,
      stop: async () => {},
    };
  }
  if (provider === 'uri')
    throw new Neo4jUnavailableError(`NEO4J_PROVIDER=uri but NEO4J_URI is not set.\n${HOW_TO_GET_NEO4J}`);

  const reasons: string[] = ['NEO4J_URI is not set'];
  if (provider === 'auto' || provider === 'container') {
    const docker = await dockerAnswers(options.dockerHost);
    if (docker === true) return startContainer(options);
    reasons.push(`no Docker engine answers (${docker})`);
    if (provider === 'container')
      throw new Neo4jUnavailableError(`${reasons.join('; ')}.\n${HOW_TO_GET_NEO4J}`);
  }

  const missing = await localNeo4jPrerequisites(options.javaHome);
  if (missing) {
    reasons.push(`a local Neo4j needs ${missing}`);
    throw new Neo4jUnavailableError(`${reasons.join('; ')}.\n${HOW_TO_GET_NEO4J}`);
  }
  log.info(`${reasons.join('; ')}: running a local Neo4j from Maven artifacts`);
  const local = await startLocalNeo4j(options);
  return {
    kind: 'local',
    uri: local.uri,
    user: 'neo4j',
    password: undefined,
    database: 'neo4j',
    stop: () => local.stop(),
  };
}

/** True when a Docker engine answers a ping; otherwise why not (for the log and the error). */
export async function dockerAnswers(dockerHost: string | undefined): Promise<true | string> {
  const socket = '/var/run/docker.sock';
  if (!dockerHost && !existsSync(socket)) return `no DOCKER_HOST and no ${socket}`;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    const client = await withTimeout(getContainerRuntimeClient(), 10_000);
    return client ? true : 'no container runtime found';
  } catch (error) {
    return (error as Error).message.split('\n')[0] ?? 'the Docker engine did not answer';
  }
}

async function startContainer(options: ProvisionOptions): Promise<ProvisionedNeo4j> {
  const { Neo4jContainer } = await import('@testcontainers/neo4j');
  const password = 'hitech-kg-test';
  options.log.info('starting %s with testcontainers', NEO4J_IMAGE);
  const container = await new Neo4jContainer(NEO4J_IMAGE).withPassword(password).start();
  return {
    kind: 'container',
    uri: container.getBoltUri(),
    user: 'neo4j',
    password,
    database: 'neo4j',
    stop: async () => {
      await container.stop();
    },
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
