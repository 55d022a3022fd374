/**
 * The GraphQL fields of a relationship's properties, generated from RELATIONSHIP_PROPERTIES so that
 * every type that shows them (edges, Relation, RelationEdge, RelationStatement) and LinkInput list the
 * same ones: a property added to the ontology appears everywhere, and none can be forgotten again.
 */

import { type PropertyKind, RELATIONSHIP_PROPERTIES } from '../graph/ontology.ts';
import type { Plain } from '../neo4j/values.ts';
import type { builder } from './builder.ts';
import { reads } from './field-reads.ts';

type Types = typeof builder.$inferSchemaTypes;
export type ObjectFields<Parent> = PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>;
type InputFields = PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>;

/** One statement of a relationship (by one source): its properties as read. */
export type StatementProperties = Record<string, Plain>;

/** The relationship properties, in the ontology's order. */
export const RELATIONSHIP_PROPERTY_NAMES: readonly string[] = Object.keys(RELATIONSHIP_PROPERTIES);

/** The first statement's value of a property, skipping statements that do not give it. */
export function firstOf(statements: readonly StatementProperties[], name: string): Plain {
  for (const s of statements) if (s[name] !== undefined && s[name] !== null) return s[name] as Plain;
  return null;
}

/**
 * A nullable output field per relationship property, read from the parent's statements (the first
 * that gives it). `descriptions` keeps the few a type documents (the SDL is committed).
 */
export function relationshipPropertyFields<Parent>(
  t: ObjectFields<Parent>,
  statementsOf: (parent: Parent) => readonly StatementProperties[],
  descriptions: Readonly<Record<string, string>> = {},
) {
  return Object.fromEntries(
    Object.entries(RELATIONSHIP_PROPERTIES).map(([name, kind]) => {
      const description = descriptions[name];
      const value = (parent: Parent) => firstOf(statementsOf(parent), name);
      return [name, propertyField(t, kind, { description, ...reads({ kind: 'statements' }) }, value)];
    }),
  );
}

/** A nullable output field of a property of the ontology, typed by its kind. */
export function propertyField<Parent>(
  t: ObjectFields<Parent>,
  kind: PropertyKind,
  options: { description?: string | undefined; extensions: Record<string, unknown> },
  value: (parent: Parent) => Plain,
) {
  const common = {
    nullable: true,
    ...(options.description !== undefined && { description: options.description }),
    extensions: options.extensions,
  } as const;
  switch (kind) {
    case 'int':
      return t.int({ ...common, resolve: (p) => value(p) as number | null });
    case 'float':
      return t.float({ ...common, resolve: (p) => value(p) as number | null });
    case 'boolean':
      return t.boolean({ ...common, resolve: (p) => value(p) as boolean | null });
    case 'string[]':
      return t.stringList({ ...common, resolve: (p) => value(p) as string[] | null });
    case 'string':
    case 'date':
      // Dates are ISO strings as precise as the source (see ontology.ts).
      return t.string({ ...common, resolve: (p) => value(p) as string | null });
  }
}

/** An optional input field per relationship property (for stating a relation). */
export function relationshipPropertyInputs(t: InputFields) {
  return Object.fromEntries(
    Object.entries(RELATIONSHIP_PROPERTIES).map(([name, kind]) => [name, inputField(t, kind)]),
  );
}

function inputField(t: InputFields, kind: PropertyKind) {
  switch (kind) {
    case 'int':
      return t.int({ required: false });
    case 'float':
      return t.float({ required: false });
    case 'boolean':
      return t.boolean({ required: false });
    case 'string[]':
      return t.stringList({ required: false });
    case 'string':
    case 'date':
      return t.string({ required: false });
  }
}

/** The relationship properties given in an input, by name (absent ones left out). */
export function relationshipPropertiesOf(input: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    RELATIONSHIP_PROPERTY_NAMES.filter((name) => input[name] !== undefined).map((name) => [
      name,
      input[name],
    ]),
  );
}
