/**
 * The GraphQL fields of one relation (relations.ts) on its parent type, and how each is fetched: a
 * connection for to-many relations; for to-one relations the target (`city`) and the edge behind it
 * (`cityEdge`). Each field declares what it reads (field-reads.ts), so that the planner can fetch it
 * in its parent list's statement; then its resolver finds the page on the parent record under its
 * response name (the same relation may be selected twice, with different arguments, under aliases).
 * Otherwise it asks its loader, with the same arguments the planner would have used (`relatedArgs`).
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Label } from '../graph/ontology.ts';
import type { Page } from '../graph/paging.ts';
import { type EntityRecord, prefetched } from '../graph/records.ts';
import type { RelationDef } from '../graph/relations.ts';
import type { Context } from './context.ts';
import { asUserErrors, entityTypeRef, toConnection } from './entity.ts';
import { connectionRef, edgeRef, orderByRef, whereRef } from './entity-type.ts';
import type { RelationShape } from './field-reads.ts';
import { reads } from './field-reads.ts';
import { registerPagedList } from './paging-args.ts';
import type { ObjectFields } from './relationship-properties.ts';
import { DEFAULT_RELATION_ORDER, type RelationFieldArgs, relatedArgs } from './selection.ts';

/**
 * The page fetched with the parent for this field, if it was (not the error that kept it from being
 * fetched): answered at once, without a promise, so that compiled execution goes on with its edges in
 * the same pass (a nested list of 20 × 10 pages made 220 promises per request, and their turns).
 */
function fetchedPage(parent: EntityRecord, info: GraphQLResolveInfo): Page | undefined {
  const fetched = prefetched(parent, String(info.path.key));
  return fetched instanceof Error ? undefined : fetched;
}

/** The page of `relation` for this field: fetched with the parent, or asked of the field's loader. */
async function pageOf(
  parent: EntityRecord,
  label: Label,
  relation: RelationDef,
  shape: RelationShape,
  args: RelationFieldArgs,
  ctx: Context,
  info: GraphQLResolveInfo,
): Promise<Page> {
  const fetched = prefetched(parent, String(info.path.key));
  if (fetched instanceof Error) throw fetched;
  if (fetched) return fetched;
  const asked = relatedArgs(info, relation.target, shape, args, info.fieldNodes);
  return ctx.loaders.related(label, relation, asked).load(parent.key);
}

export function relationFields(
  t: ObjectFields<EntityRecord>,
  label: Label,
  relation: RelationDef,
): Record<string, unknown> {
  if (relation.many) {
    const orderBy = relation.target === 'Entity' ? undefined : orderByRef(relation.target);
    registerPagedList(label, relation.name, {
      list: relation.list,
      target: relation.target,
      defaultOrder: DEFAULT_RELATION_ORDER,
    });
    return {
      [relation.name]: t.connection(
        {
          ...reads({ kind: 'relation', relation: relation.name, shape: 'connection' }),
          type: entityTypeRef(relation.target),
          description: relation.description,
          args: {
            where: t.arg({ type: whereRef(relation.target), required: false }),
            ...(orderBy
              ? {
                  orderBy: t.arg({
                    type: orderBy,
                    required: false,
                    description: 'Default: key ASC.',
                  }),
                }
              : {}),
          },
          resolve: (parent, args, ctx, info) => {
            const fieldArgs = args as RelationFieldArgs;
            const count = () =>
              ctx.loaders.relatedCount(label, relation, fieldArgs.where ?? null).load(parent.key);
            const fetched = fetchedPage(parent, info);
            if (fetched) return toConnection(fetched, count);
            return asUserErrors(async () =>
              toConnection(await pageOf(parent, label, relation, 'connection', fieldArgs, ctx, info), count),
            );
          },
        },
        connectionRef(relation.target),
      ),
    };
  }
  const edgeOf = (parent: EntityRecord, shape: RelationShape, ctx: Context, info: GraphQLResolveInfo) => {
    const fetched = fetchedPage(parent, info);
    if (fetched) return fetched.edges[0] ?? null;
    return pageOf(parent, label, relation, shape, {}, ctx, info).then((page) => page.edges[0] ?? null);
  };
  return {
    [relation.name]: t.field({
      ...reads({ kind: 'relation', relation: relation.name, shape: 'node' }),
      type: entityTypeRef(relation.target),
      nullable: true,
      description: relation.description,
      resolve: (parent, _args, ctx, info) => {
        const edge = edgeOf(parent, 'node', ctx, info);
        return edge instanceof Promise ? edge.then((e) => e?.node ?? null) : (edge?.node ?? null);
      },
    }),
    [`${relation.name}Edge`]: t.field({
      ...reads({ kind: 'relation', relation: relation.name, shape: 'edge' }),
      type: edgeRef(relation.target),
      nullable: true,
      description: `The relation behind ${relation.name}, with its properties and evidence.`,
      resolve: (parent, _args, ctx, info) => edgeOf(parent, 'edge', ctx, info),
    }),
  };
}
