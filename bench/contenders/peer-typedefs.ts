/**
 * Type definitions for @neo4j/graphql equivalent to the part of our API the fixed queries use: the
 * same labels, properties and relationship patterns (relations.ts). What @neo4j/graphql cannot
 * generate is written the way its documentation says to, with @cypher: the cross-label full-text
 * search, the neighbourhood, the shortest path, the zones of a province through PART_OF*0..3, and the
 * company count a zone list is ordered by (it has no relation-count order of its own).
 */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  type Zone @node {
    key: String!
    name: String!
    nameZh: String
    kind: String
    approvedYear: Int
    clusters: [IndustryCluster!]! @relationship(type: "LOCATED_IN", direction: IN)
    companies: [Company!]! @relationship(type: "ORIGINATED_IN", direction: IN)
    companyCount: Int!
      @cypher(
        statement: "RETURN COUNT { MATCH (this)<-[:ORIGINATED_IN]-(m:Company) RETURN DISTINCT m } AS count"
        columnName: "count"
      )
  }

  type IndustryCluster @node {
    key: String!
    name: String!
    technologies: [Technology!]! @relationship(type: "SPECIALIZES_IN", direction: OUT)
  }

  type Technology @node {
    key: String!
    name: String!
  }

  type Company @node {
    key: String!
    name: String!
    nameZh: String
    foundedYear: Int
  }

  type Place @node {
    key: String!
    name: String!
    kind: String
    zoneCount: Int!
      @cypher(
        statement: """
        RETURN COUNT {
          MATCH (this)<-[:PART_OF*0..3]-(:Place)<-[:LOCATED_IN]-(z:Zone) RETURN DISTINCT z
        } AS count
        """
        columnName: "count"
      )
  }

  type SearchHit {
    key: String!
    name: String!
    type: String!
    score: Float!
  }

  type GraphNode {
    key: String!
    type: String!
    name: String!
  }

  type GraphEdge {
    type: String!
    fromKey: String!
    fromType: String!
    toKey: String!
    toType: String!
  }

  type Subgraph {
    nodes: [GraphNode!]!
    edges: [GraphEdge!]!
  }

  type Query {
    search(query: String!, limit: Int!): [SearchHit!]!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_text', $query, {limit: $limit * 4}) YIELD node, score
        WITH node, score ORDER BY score DESC, node.key LIMIT $limit
        RETURN {key: node.key, name: node.name, type: [l IN labels(node) WHERE l <> 'Entity'][0], score: score} AS hit
        """
        columnName: "hit"
      )
    neighborhood(key: String!): Subgraph!
      @cypher(
        statement: """
        MATCH (s:Company {key: $key})
        OPTIONAL MATCH (s)-[r1:LOCATED_IN|PART_OF|ISSUED_BY|LAUNCHED_BY|APPROVED_BY|ESTABLISHED_UNDER|LED_TO|DESIGNATED_AS|PARTICIPATES_IN|ORIGINATED_IN|SPECIALIZES_IN|INVOLVES|MEASURES]-(m1)
        WITH s, collect(DISTINCT m1) AS level1
        UNWIND [s] + level1 AS x
        MATCH (x)-[r:LOCATED_IN|PART_OF|ISSUED_BY|LAUNCHED_BY|APPROVED_BY|ESTABLISHED_UNDER|LED_TO|DESIGNATED_AS|PARTICIPATES_IN|ORIGINATED_IN|SPECIALIZES_IN|INVOLVES|MEASURES]-(y)
        WITH DISTINCT startNode(r) AS a, type(r) AS type, endNode(r) AS b, x, y
        WITH collect(DISTINCT {type: type, fromKey: a.key, fromType: [l IN labels(a) WHERE l <> 'Entity'][0], toKey: b.key, toType: [l IN labels(b) WHERE l <> 'Entity'][0]}) AS edges,
             collect(DISTINCT y) + collect(DISTINCT x) AS reached
        UNWIND reached AS n
        WITH edges, collect(DISTINCT {key: n.key, type: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name}) AS nodes
        RETURN {nodes: nodes, edges: edges} AS graph
        """
        columnName: "graph"
      )
    shortestPath(fromKey: String!, toKey: String!): [GraphNode!]!
      @cypher(
        statement: """
        MATCH (a:Company {key: $fromKey}), (b:Company {key: $toKey})
        MATCH p = SHORTEST 1 (a)-[:LOCATED_IN|PART_OF|ISSUED_BY|LAUNCHED_BY|APPROVED_BY|ESTABLISHED_UNDER|LED_TO|DESIGNATED_AS|PARTICIPATES_IN|ORIGINATED_IN|SPECIALIZES_IN|INVOLVES|MEASURES]-{1,4}(b)
        UNWIND nodes(p) AS n
        RETURN {key: n.key, type: [l IN labels(n) WHERE l <> 'Entity'][0], name: n.name} AS node
        """
        columnName: "node"
      )
  }
`;
