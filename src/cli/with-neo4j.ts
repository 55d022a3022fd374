/**
 * The frame every command-line tool shares: read the config, get a Neo4j in the project's order,
 * hand an executor to the command, and always stop what was started. Logs go to stderr so that a
 * command's data on stdout stays clean. Exit codes: 0 ok, 1 failure, 2 usage or configuration.
 */
import { ConfigError, loadConfig } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { Executor } from '../neo4j/executor.ts';
import { Neo4jUnavailableError, provisionNeo4j } from '../neo4j/provision.ts';

export class UsageError extends Error {
  override name = 'UsageError';
}

export async function withNeo4j(
  command: (executor: Executor, log: Logger) => Promise<number | undefined>,
): Promise<never> {
  let code = 1;
  let log: Logger | undefined;
  try {
    const config = loadConfig();
    log = createLogger(config.logLevel, 'stderr');
    const neo4j = await provisionNeo4j({
      ...config.neo4j,
      dataDir: `${config.dataDir}/neo4j`,
      log,
      reuseRunning: true,
    });
    const executor = new Executor({
      ...neo4j,
      queryTimeoutMs: Math.max(config.neo4j.queryTimeoutMs, 120_000),
    });
    try {
      code = (await command(executor, log)) ?? 0;
    } finally {
      await executor.close();
      await neo4j.stop();
    }
  } catch (error) {
    code = error instanceof ConfigError || error instanceof UsageError ? 2 : 1;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `${error instanceof Neo4jUnavailableError || code === 2 ? '' : 'Error: '}${message}\n`,
    );
    if (code === 1 && !(error instanceof Neo4jUnavailableError) && log?.isLevelEnabled('debug')) {
      log.debug({ err: error }, 'details');
    }
  }
  process.exit(code);
}
