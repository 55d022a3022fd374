/**
 * The Explorer's only way to the data: the public GraphQL API at /graphql. Each view's query is built
 * here, so that "Open in GraphiQL" opens exactly the query behind the view.
 */

const ENDPOINT = '/graphql';

export class ApiError extends Error {}

/**
 * Runs a query; throws ApiError with the server's messages when it answers with errors.
 * @param {string} query
 * @param {Record<string, unknown>} [variables]
 * @param {AbortSignal} [signal]
 */
export async function gql(query, variables = {}, signal) {
  let response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError('The server cannot be reached.');
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((e) => e.message).join(' · '));
  if (!response.ok) throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  return body.data;
}

const NODE_FIELDS = '__typename id key name nameZh';
/** With the year each type comes into being by (the "as of" rule reads it), to mark undated ones. */
const DRAWN_NODE_FIELDS = `${NODE_FIELDS}
      ... on Zone { approvedYear }
      ... on Company { foundedYear }
      ... on Program { year }
      ... on Policy { year }
      ... on Designation { year }
      ... on Event { year }
      ... on Indicator { year }`;
const EDGE_FIELDS = `id type since until year
      from { id }
      to { id }
      evidence { quote paragraph source { key name url } }`;

/**
 * A query and its variables, built from the arguments actually given (no `asOf: null` noise).
 * @param {string} name operation name
 * @param {string} field root field
 * @param {Record<string, [string, unknown]>} args name → [GraphQL type, value]; undefined/null values are left out
 * @param {string} selection
 */
function operation(name, field, args, selection) {
  const given = Object.entries(args).filter(([, [, value]]) => value !== undefined && value !== null);
  const definitions = given.map(([arg, [type]]) => `$${arg}: ${type}`).join(', ');
  const passed = given.map(([arg]) => `${arg}: $${arg}`).join(', ');
  const query = `query ${name}${definitions ? `(${definitions})` : ''} {
  ${field}${passed ? `(${passed})` : ''} {
    ${selection}
  }
}`;
  return { query, variables: Object.fromEntries(given.map(([arg, [, value]]) => [arg, value])) };
}

export function searchOperation(text, first = 8) {
  return operation(
    'Search',
    'search',
    { text: ['String!', text], first: ['Int', first] },
    `score
    matchedIn
    highlights { field text ranges { start end } }
    entity { ${NODE_FIELDS} }`,
  );
}

/** "IndustryCluster" → "INDUSTRY_CLUSTER" (the EntityType enum). */
export const entityTypeEnum = (typename) => typename.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

export function neighborhoodOperation({ key, depth, asOf, limit, types }) {
  return operation(
    'Neighborhood',
    'neighborhood',
    {
      key: ['String!', key],
      depth: ['Int', depth],
      asOf: ['Int', asOf],
      limit: ['Int', limit],
      labels: ['[EntityType!]', types?.length ? types.map(entityTypeEnum) : undefined],
    },
    `truncated
    nodes { ${DRAWN_NODE_FIELDS} }
    edges {
      ${EDGE_FIELDS}
    }`,
  );
}

export function pathsOperation({ fromKey, toKey, maxLength = 4, limit = 20 }) {
  return operation(
    'Paths',
    'paths',
    {
      fromKey: ['String!', fromKey],
      toKey: ['String!', toKey],
      maxLength: ['Int', maxLength],
      limit: ['Int', limit],
    },
    `length
    nodes { ${DRAWN_NODE_FIELDS} }
    edges {
      ${EDGE_FIELDS}
    }`,
  );
}

const TYPE_FIELDS = `... on Zone { approvedYear approvedDate establishedYear kind batchNote }
      ... on Company { foundedYear }
      ... on Place { kind }
      ... on Organization { kind }
      ... on Program { kind year date target }
      ... on Policy { kind year date }
      ... on Designation { kind year date }
      ... on Event { year endYear date }
      ... on Indicator { metric value unit share comparison qualifier year }
      ... on Source { title publisher year url }`;

/** One entity by its global id: properties, evidence and relations (for the side panel). */
export function entityOperation(id) {
  return operation(
    'EntityDetails',
    'node',
    { id: ['ID!', id] },
    `__typename
    id
    ... on Entity {
      key name nameZh description aliases
      evidence { quote paragraph source { key name url } }
      relations(first: 100) {
        pageInfo { hasNextPage }
        edges {
          type direction since until year
          node { ${NODE_FIELDS} }
          evidence { quote paragraph source { key name url } }
        }
      }
      ${TYPE_FIELDS}
    }`,
  );
}

/** A GraphQL literal for a JSON value (JSON strings are valid GraphQL strings; enums stay bare). */
function literal(value, type = '') {
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, type)).join(', ')}]`;
  if (/EntityType/.test(type)) return String(value);
  return JSON.stringify(value);
}

/**
 * The URL that opens an operation in GraphiQL. yoga's GraphiQL reads `?query=` from its URL but not
 * `variables`, so the variables are written into the query as literals: it runs as it opens.
 * `title` names the GraphiQL tab the query opens in (graphiql-boot.js).
 * @param {{ query: string, variables: Record<string, unknown> }} op
 * @param {string} [title]
 */
export function graphiqlUrl(op, title) {
  const types = Object.fromEntries(
    [...(/^query \w+\(([^)]*)\)/.exec(op.query)?.[1] ?? '').matchAll(/\$(\w+): ([^,]+)/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );
  const query = op.query
    .replace(/^(query \w+)\([^)]*\)/, '$1')
    .replace(/\$(\w+)/g, (match, name) =>
      name in op.variables ? literal(op.variables[name], types[name]) : match,
    );
  return `${ENDPOINT}?${new URLSearchParams(title ? { query, title } : { query })}`;
}
