/**
 * node(id:) and nodes(ids:), the Relay lookups by global ID. Each id is decoded on its own
 * (arg-rules.ts): a malformed one — not base64 of "Type:key", a type that is not one of the entity
 * types, a key that cannot exist — is a BAD_USER_INPUT at its own path (`node`, or `nodes.<i>`), null
 * there, and touches nothing else of the answer; the well-formed ids are still loaded, in one batch
 * per type. A well-formed id of an entity that does not exist is a plain null.
 */
import type { GraphQLError } from 'graphql';
import type { EntityRecord } from '../graph/records.ts';
import { checkIdCount, decodeNodeId } from './arg-rules.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { reads } from './field-reads.ts';

const NodeRef = builder.nodeInterfaceRef();

/** The entity behind one global id, null when there is none, or the id's error as a value. */
function load(id: string, ctx: Context): Promise<EntityRecord | null> | GraphQLError {
  const decoded = decodeNodeId(id);
  if (decoded instanceof Error) return decoded;
  return ctx.loaders.byKey(decoded.label).load(decoded.key);
}

builder.queryField('node', (t) =>
  t.field({
    ...reads({ kind: 'nothing' }),
    type: NodeRef,
    nullable: true,
    description:
      'The entity with this global ID (the `id` of any entity), or null when there is none. A malformed id is an error of this field only.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const found = load(String(id), ctx);
      if (found instanceof Error) throw found;
      return (await found) as never;
    },
  }),
);

builder.queryField('nodes', (t) =>
  t.field({
    ...reads({ kind: 'nothing' }),
    type: [NodeRef],
    nullable: { list: false, items: true },
    description: `The entities with these global IDs, in their order (at most MAX_PAGE_SIZE ids): null for an id of no entity; a malformed id is an error at its own position only.`,
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, ctx) => {
      checkIdCount(ids, ctx.limits.maxPageSize);
      // An error among the items is reported at that item's path (graphql-js and graphql-jit alike).
      return ids.map((id) => load(String(id), ctx)) as never;
    },
  }),
);
