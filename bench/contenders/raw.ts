/**
 * The floor: the hand-written Cypher of each query sent with neo4j-driver from the benchmark process
 * itself — no HTTP, no GraphQL. One managed read transaction per query (driver.executeQuery, as the
 * driver's manual recommends; our server and @neo4j/graphql also run one read transaction per
 * statement), records turned into plain objects.
 */
import neo4j, { type Driver } from 'neo4j-driver';
import type { ProvisionedNeo4j } from '../../src/neo4j/provision.ts';
import type { FixedQuery } from '../queries.ts';

export class RawContender {
  private readonly driver: Driver;

  constructor(private readonly neo4jInfo: ProvisionedNeo4j) {
    const auth =
      neo4jInfo.password === undefined
        ? { scheme: 'none', principal: '', credentials: '' }
        : neo4j.auth.basic(neo4jInfo.user, neo4jInfo.password);
    this.driver = neo4j.driver(neo4jInfo.uri, auth, { disableLosslessIntegers: true, logging: undefined });
  }

  async run(query: FixedQuery): Promise<Record<string, unknown>[]> {
    const result = await this.driver.executeQuery(query.raw.cypher, query.raw.params, {
      database: this.neo4jInfo.database,
      routing: neo4j.routing.READ,
    });
    return result.records.map((record) => record.toObject());
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
