/**
 * Checks of key-like arguments (key, fromKey, id, ids) that read fields run before any Cypher: a key
 * that cannot exist is a BAD_USER_INPUT that says what a key is, not a 100 KB parameter sent to Neo4j
 * (or echoed back). The rules themselves are those of curation (src/graph/input-rules.ts).
 */
import { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLError } from 'graphql';
import { INPUT_LIMITS, KEY_RULE, keyProblem } from '../graph/input-rules.ts';
import { LABELS, type Label } from '../graph/ontology.ts';

export function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

/** `value` when it can be a key; else a BAD_USER_INPUT naming the argument. */
export function checkKeyArg(name: string, value: string): string {
  const problem = keyProblem(value);
  if (problem) throw badInput(`${name} ${problem}`);
  return value;
}

/** The longest global ID there can be: base64 of the longest "Type:key". */
const MAX_ID_LENGTH =
  Math.ceil((Math.max(...LABELS.map((l) => l.length)) + 1 + INPUT_LIMITS.keyLength) / 3) * 4;
const ID_RULE = `a global ID as the id field gives it (base64 of "Type:key", where the key is a lowercase slug of at most ${INPUT_LIMITS.keyLength} characters)`;

/** The Relay plugin's decoding, bounded first and with errors that say what an id is. */
export function decodeId(globalID: string): { typename: string; id: string } {
  if (globalID.length > MAX_ID_LENGTH)
    throw badInput(`id must be ${ID_RULE}, at most ${MAX_ID_LENGTH} characters; got ${globalID.length}`);
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeGlobalID(globalID);
  } catch {
    throw badInput(`id ${JSON.stringify(globalID)} is not ${ID_RULE}`);
  }
  if (keyProblem(decoded.id)) throw badInput(`id ${JSON.stringify(globalID)}: its key ${KEY_RULE}`);
  return decoded;
}

const NODE_TYPES = LABELS.join(', ');

/**
 * The label and key of a global ID for node(id:)/nodes(ids:), or the BAD_USER_INPUT error saying what
 * a valid id looks like (returned, not thrown: the caller reports it at the id's own path).
 */
export function decodeNodeId(globalID: string): { label: Label; key: string } | GraphQLError {
  let decoded: { typename: string; id: string };
  try {
    decoded = decodeId(globalID);
  } catch (error) {
    return error as GraphQLError;
  }
  if (!(LABELS as readonly string[]).includes(decoded.typename)) {
    return badInput(
      `id ${JSON.stringify(globalID.slice(0, 80))} names the type ${JSON.stringify(decoded.typename.slice(0, 40))}, which has no nodes: a valid id is ${ID_RULE}, with Type one of ${NODE_TYPES}, e.g. ${JSON.stringify(Buffer.from('Zone:zhongguancun').toString('base64'))}`,
    );
  }
  return { label: decoded.typename as Label, key: decoded.id };
}

/** nodes(ids:) takes no more ids than a page has items. */
export function checkIdCount(ids: readonly unknown[], maxPageSize: number): void {
  if (ids.length > maxPageSize)
    throw badInput(`nodes(ids:) takes at most ${maxPageSize} ids (MAX_PAGE_SIZE); got ${ids.length}`);
}
