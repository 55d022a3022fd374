/**
 * The small toolkit the query compilers share: a parameter bag (values only ever enter Cypher as
 * parameters), instantiating a relation pattern with fresh variable names, and property names checked
 * against the ontology before they are written into a query.
 */
import { COMMON_PROPERTIES, LABEL_PROPERTIES, type Label, type PropertyKind } from './ontology.ts';
import type { RelationDef } from './relations.ts';

export class Params {
  readonly values: Record<string, unknown> = {};
  private next = 0;

  /** Stores a value and returns the parameter's name as written in Cypher (`$p0`). */
  add(value: unknown): string {
    const name = `p${this.next++}`;
    this.values[name] = value;
    return `$${name}`;
  }
}

/** Fresh variable names for nested patterns (n0, n1 …). */
export class Variables {
  private next = 0;
  fresh(prefix: string): string {
    return `${prefix}${this.next++}`;
  }
}

/** A relation's pattern and condition with its n, r and m renamed. */
export function instantiate(def: RelationDef, names: { n: string; r: string; m: string }): string {
  // One pass over the constant pattern, so a new name can never be renamed again.
  const pattern = def.pattern.replace(
    /\((n|m)([:)])|\[r:/g,
    (whole, variable: string | undefined, after: string) =>
      whole === '[r:' ? `[${names.r}:` : `(${variable === 'n' ? names.n : names.m}${after}`,
  );
  const condition = def.condition?.replaceAll('m.', `${names.m}.`);
  return condition ? `${pattern} WHERE ${condition}` : pattern;
}

/** The kind of a property of a label, or undefined when the label has no such property. */
export function propertyKind(label: Label, property: string): PropertyKind | undefined {
  if (property === 'key') return 'string';
  const own = LABEL_PROPERTIES[label][property];
  if (own) return own;
  return label === 'Source' && property !== 'name'
    ? undefined
    : (COMMON_PROPERTIES as Record<string, PropertyKind>)[property];
}

/** Whether nodes of `label` (or any entity) have this property in the ontology. */
export function isProperty(label: Label | 'Entity', name: string): boolean {
  return label === 'Entity'
    ? name === 'key' || Object.hasOwn(COMMON_PROPERTIES, name)
    : propertyKind(label, name) !== undefined;
}

const SAFE_PROPERTY = /^[a-zA-Z][a-zA-Z0-9]*$/;

/** `variable.property`, only for properties of the ontology. */
export function property(label: Label, variable: string, name: string): string {
  if (!propertyKind(label, name) || !SAFE_PROPERTY.test(name)) {
    throw new Error(`${label} has no property ${name}`);
  }
  return `${variable}.${name}`;
}
