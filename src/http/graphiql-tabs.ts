/** The example tabs GraphiQL opens with (only when the browser has no saved tabs). */
export const graphiqlTabs = [
  {
    query: `# A zone with its place, clusters, companies and statuses, each relation with its sources.
query ZoneWithClustersAndCompanies {
  zone(key: "zhongguancun") {
    id
    name
    nameZh
    approvedYear
    city { name }
    province { name }
    clusters { edges { node { name technologies { edges { node { name } } } } } }
    companies { totalCount edges { node { name foundedYear } evidence { quote source { url } } } }
    designations { edges { since node { name } statements { since evidence { source { key } } } } }
  }
}
`,
  },
  {
    query: `# Full-text search, in English (prefixes work) and in Chinese.
query Search {
  english: search(text: "Zhong", first: 5) { score entity { __typename key name } }
  chinese: search(text: "中关村") { score entity { __typename key name nameZh } }
  onlyPrograms: search(text: "pilot", types: [PROGRAM]) { entity { name } }
}
`,
  },
  {
    query: `# A relation with its evidence: where does "Lenovo started in Zhongguancun" come from?
query RelationWithEvidence {
  company(key: "lenovo") {
    name
    originZoneEdge {
      node { name }
      evidence { quote source { key name url } }
    }
    evidence { quote paragraph source { name } }
  }
}
`,
  },
  {
    query: `# A filtered, ordered, paginated list: Guangdong's zones, newest first, five at a time.
# Copy pageInfo.endCursor into "after" for the next page.
query ZonesInGuangdong($after: String) {
  zones(
    where: { province: { key: { eq: "guangdong" } }, approvedYear: { gte: 1991 } }
    orderBy: { field: APPROVED_YEAR, direction: DESC }
    first: 5
    after: $after
  ) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { name approvedYear city { name } } }
  }
}
`,
  },
  {
    query: `# Zones ordered by how many companies started in them, and the provinces with the most zones.
query RelationCounts {
  zones(orderBy: { field: COMPANIES_COUNT, direction: DESC }, first: 3) {
    edges { node { name companies { totalCount } } }
  }
  places(where: { kind: { eq: "province" } }, orderBy: { field: ZONES_COUNT, direction: DESC }, first: 5) {
    edges { node { name zones { totalCount } } }
  }
}
`,
  },
  {
    query: `# What the graph holds: nodes per label and relationships per type.
query GraphStats {
  stats {
    nodesByLabel { name count }
    relationshipsByType { name count }
  }
}
`,
  },
];
