/**
 * Property names of the ontology as Cypher: a property is only ever written into a statement after
 * it is checked against its label's properties, so no name from a request reaches Cypher unchecked.
 */
import type Cypher from '@neo4j/cypher-builder';
import { COMMON_PROPERTIES, LABEL_PROPERTIES, type Label, type PropertyKind } from './ontology.ts';

/** The kind of a property of a label, or undefined when the label has no such property. */
export function propertyKind(label: Label, property: string): PropertyKind | undefined {
  if (property === 'key') return 'string';
  // Own properties only: `constructor`, `toString`, `__proto__` … are no property of the ontology.
  const own = LABEL_PROPERTIES[label];
  if (Object.hasOwn(own, property)) return own[property];
  return (label === 'Source' && property !== 'name') || !Object.hasOwn(COMMON_PROPERTIES, property)
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

/** `node.name`, only for properties of the ontology. */
export function property(label: Label | 'Entity', node: Cypher.Variable, name: string): Cypher.Property {
  if (!isProperty(label, name) || !SAFE_PROPERTY.test(name)) {
    throw new Error(`${label} has no property ${name}`);
  }
  return node.property(name);
}
