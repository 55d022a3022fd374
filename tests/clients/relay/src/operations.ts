/**
 * What a Relay app of this API writes: fragments with @connection on a root list (Query.zones) and on
 * a nested list (Zone.companies), each @refetchable (the nested one on a Node type, refetched through
 * node(id:)), with arguments for paging both ways. relay-compiler reads the graphql tags; nothing here
 * runs (the tag is only a marker for the compiler).
 */
const graphql = (strings: TemplateStringsArray) => strings.join('');

export const zoneList = graphql`
  fragment operationsZoneList_query on Query
  @refetchable(queryName: "operationsZoneListPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    zones(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "operationsZoneList_zones") {
      edges {
        node {
          id
          key
          name
        }
      }
    }
  }
`;

export const zoneCompanies = graphql`
  fragment operationsZoneCompanies_zone on Zone
  @refetchable(queryName: "operationsZoneCompaniesPaginationQuery")
  @argumentDefinitions(
    first: { type: "Int" }
    after: { type: "String" }
    last: { type: "Int" }
    before: { type: "String" }
  ) {
    id
    name
    companies(first: $first, after: $after, last: $last, before: $before)
      @connection(key: "operationsZoneCompanies_companies") {
      edges {
        node {
          id
          key
          name
        }
        since
      }
    }
  }
`;

export const zonePage = graphql`
  query operationsZonePageQuery($key: String!, $first: Int, $last: Int) {
    zone(key: $key) {
      ...operationsZoneCompanies_zone @arguments(first: $first, last: $last)
    }
    ...operationsZoneList_query @arguments(first: $first, last: $last)
  }
`;
