/**
 * What a query selects, read from the resolver's info, so the store fetches no more than asked:
 * a relation connection that never reads its edges' properties or evidence needs no relationship data.
 */
import { type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** Edge fields that read relationship statements (cursor and node do not). */
const EDGE_DATA_FIELDS = new Set(['since', 'until', 'year', 'date', 'role', 'evidence', 'statements']);

function fieldsOf(set: SelectionSetNode | undefined, name: string): SelectionSetNode[] | null {
  const found: SelectionSetNode[] = [];
  for (const selection of set?.selections ?? []) {
    // A fragment could select anything: be conservative.
    if (selection.kind !== Kind.FIELD) return null;
    if (selection.name.value === name && selection.selectionSet) found.push(selection.selectionSet);
  }
  return found;
}

/** True unless the connection's edges are certainly read for cursor and node only. */
export function selectsEdgeData(info: GraphQLResolveInfo): boolean {
  for (const field of info.fieldNodes) {
    const edges = fieldsOf(field.selectionSet, 'edges');
    if (edges === null) return true;
    for (const edge of edges) {
      for (const selection of edge.selections) {
        if (selection.kind !== Kind.FIELD || EDGE_DATA_FIELDS.has(selection.name.value)) return true;
      }
    }
  }
  return false;
}
