/**
 * Curation mutations: create/update/delete<Type> for every type, linkEntities and unlinkEntities.
 * Expected failures are typed errors in the schema (the errors plugin turns each result into a union
 * of success and error types). Every resolver starts with `guard`: curation needs an editor key.
 */
import {
  createEntity,
  DuplicateKeyError,
  deleteEntity,
  InUseError,
  InvalidInputError,
  linkEntities,
  MissingEvidenceError,
  NotFoundError,
  RelationNotAllowedError,
  unlinkEntities,
  updateEntity,
} from '../graph/entity-writer.ts';
import type { Evidence } from '../graph/facts.ts';
import {
  LABEL_PROPERTIES,
  LABELS,
  type Label,
  type PropertyKind,
  RELATIONSHIP_TYPES,
  type RelationshipType,
} from '../graph/ontology.ts';
import { requireScope } from './auth.ts';
import { builder } from './builder.ts';
import type { Context } from './context.ts';
import { EntityTypeEnum, objectTypeRef, RelationStatementRef } from './entity.ts';
import { relationshipPropertiesOf, relationshipPropertyInputs } from './relationship-properties.ts';

const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'An expected failure, with a message that says what to do.',
  fields: (t) => ({ message: t.exposeString('message') }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
  fields: (t) => ({ ref: t.exposeString('ref', { description: 'What was looked for ("Zone:key", …).' }) }),
});

builder.objectType(DuplicateKeyError, {
  name: 'DuplicateKeyError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof DuplicateKeyError,
  fields: (t) => ({
    key: t.exposeString('key'),
    type: t.field({
      type: EntityTypeEnum,
      description: 'The type of the entity that has the key (keys are unique across types).',
      resolve: (e) => e.holder,
    }),
  }),
});

builder.objectType(RelationNotAllowedError, {
  name: 'RelationNotAllowedError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof RelationNotAllowedError,
  fields: (t) => ({
    relationType: t.exposeString('type'),
    from: t.field({ type: EntityTypeEnum, resolve: (e) => e.from }),
    to: t.field({ type: EntityTypeEnum, resolve: (e) => e.to }),
  }),
});

builder.objectType(InUseError, {
  name: 'InUseError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InUseError,
  fields: (t) => ({
    key: t.exposeString('key'),
    citations: t.exposeInt('citations', { description: 'How many facts cite it.' }),
  }),
});

builder.objectType(MissingEvidenceError, {
  name: 'MissingEvidenceError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof MissingEvidenceError,
  fields: () => ({}),
});

interface Problem {
  path: string;
  message: string;
}
const ProblemRef = builder.objectRef<Problem>('InputProblem').implement({
  fields: (t) => ({ path: t.exposeString('path'), message: t.exposeString('message') }),
});

builder.objectType(InvalidInputError, {
  name: 'InvalidInputError',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({ problems: t.field({ type: [ProblemRef], resolve: (e) => e.problems }) }),
});

const EvidenceInput = builder.inputType('EvidenceInput', {
  description: 'A source (the key of a Source) and a short quote from it.',
  fields: (t) => ({
    source: t.string({ required: true }),
    quote: t.string({ required: false }),
    paragraph: t.int({ required: false }),
  }),
});

const EntityRefInput = builder.inputType('EntityRefInput', {
  fields: (t) => ({
    type: t.field({ type: EntityTypeEnum, required: true }),
    key: t.string({ required: true }),
  }),
});

const RelationTypeEnum = builder.enumType('RelationType', {
  description: 'The relationship types of the ontology.',
  values: Object.fromEntries(RELATIONSHIP_TYPES.map((t) => [t, { value: t }])) as Record<
    string,
    { value: RelationshipType }
  >,
});

type InputValues = Record<string, unknown> & { evidence?: Evidence[] | null };

const cleanEvidence = (evidence: InputValues['evidence']): Evidence[] =>
  (evidence ?? []).map((e) => ({
    source: e.source,
    ...(e.quote ? { quote: e.quote } : {}),
    ...(e.paragraph != null ? { paragraph: e.paragraph } : {}),
  }));

type FieldMaker = (options: { required: boolean }) => unknown;

function inputField(
  t: { string: FieldMaker; int: FieldMaker; float: FieldMaker; boolean: FieldMaker; stringList: FieldMaker },
  kind: PropertyKind,
  required = false,
) {
  switch (kind) {
    case 'int':
      return t.int({ required });
    case 'float':
      return t.float({ required });
    case 'boolean':
      return t.boolean({ required });
    case 'string[]':
      return t.stringList({ required });
    default:
      return t.string({ required });
  }
}

function entityInputs(label: Label) {
  const own = LABEL_PROPERTIES[label];
  const create = builder.inputType(`Create${label}Input`, {
    fields: (t) => ({
      key: t.string({ required: true, description: 'A lowercase slug, unique for this type.' }),
      name: t.string({ required: true }),
      nameZh: t.string({ required: false }),
      aliases: t.stringList({ required: false }),
      description: t.string({ required: false }),
      ...Object.fromEntries(Object.entries(own).map(([name, kind]) => [name, inputField(t as never, kind)])),
      evidence: t.field({
        type: [EvidenceInput],
        required: label !== 'Source',
        description: 'At least one source for the entity.',
      }),
    }),
  });
  const update = builder.inputType(`Update${label}Input`, {
    description: 'Fields to set; null removes an optional one. Evidence given is added.',
    fields: (t) => ({
      name: t.string({ required: false }),
      nameZh: t.string({ required: false }),
      aliases: t.stringList({ required: false }),
      description: t.string({ required: false }),
      ...Object.fromEntries(Object.entries(own).map(([name, kind]) => [name, inputField(t as never, kind)])),
      evidence: t.field({ type: [EvidenceInput], required: false }),
    }),
  });
  return { create, update };
}

const CURATION_ERRORS = [
  InUseError,
  NotFoundError,
  DuplicateKeyError,
  InvalidInputError,
  MissingEvidenceError,
  RelationNotAllowedError,
];

/** Curation needs an editor key (API_KEYS); every curation resolver starts with this. */
function guard(auth: Context['auth']): void {
  requireScope(auth, 'editor', 'Curation');
}

const DeletedRef = builder.objectRef<{ label: Label; key: string }>('DeletedEntity').implement({
  fields: (t) => ({
    key: t.exposeString('key'),
    type: t.field({ type: EntityTypeEnum, resolve: (d) => d.label }),
  }),
});

builder.mutationType({ description: 'Curate the graph. Each mutation is one transaction.' });

for (const label of LABELS) {
  const { create, update } = entityInputs(label);
  const own = Object.keys(LABEL_PROPERTIES[label]);
  const split = (input: InputValues) => ({
    properties: Object.fromEntries(own.filter((p) => input[p] !== undefined).map((p) => [p, input[p]])),
    evidence: cleanEvidence(input.evidence),
  });

  builder.mutationField(`create${label}`, (t) =>
    t.field({
      type: objectTypeRef(label),
      description: `Creates a ${label}; fails with DuplicateKeyError if the key is taken (by an entity of any type).`,
      errors: { types: CURATION_ERRORS },
      args: { input: t.arg({ type: create, required: true }) },
      resolve: (_root, { input }, { executor, auth }) => {
        guard(auth);
        const values = input as InputValues;
        const { properties, evidence } = split(values);
        return createEntity(executor, {
          label,
          key: String(values.key),
          name: String(values.name),
          ...(values.nameZh ? { nameZh: String(values.nameZh) } : {}),
          ...(values.aliases ? { aliases: values.aliases as string[] } : {}),
          ...(values.description ? { description: String(values.description) } : {}),
          properties: Object.fromEntries(Object.entries(properties).filter(([, v]) => v != null)),
          evidence,
        });
      },
    }),
  );

  builder.mutationField(`update${label}`, (t) =>
    t.field({
      type: objectTypeRef(label),
      description: `Updates the ${label} with this key.`,
      errors: { types: CURATION_ERRORS },
      args: { key: t.arg.string({ required: true }), input: t.arg({ type: update, required: true }) },
      resolve: (_root, { key, input }, { executor, auth }) => {
        guard(auth);
        const values = input as InputValues;
        const { properties, evidence } = split(values);
        return updateEntity(executor, label, key, {
          name: values.name as string | null | undefined,
          nameZh: values.nameZh as string | null | undefined,
          aliases: values.aliases as string[] | null | undefined,
          description: values.description as string | null | undefined,
          properties,
          evidence,
        });
      },
    }),
  );

  builder.mutationField(`delete${label}`, (t) =>
    t.field({
      type: DeletedRef,
      description: `Deletes the ${label} with this key and its relations.`,
      errors: { types: CURATION_ERRORS },
      args: { key: t.arg.string({ required: true }) },
      resolve: (_root, { key }, { executor, auth }) => {
        guard(auth);
        return deleteEntity(executor, label, key);
      },
    }),
  );
}

const LinkInput = builder.inputType('LinkInput', {
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true }),
    from: t.field({ type: EntityRefInput, required: true }),
    to: t.field({ type: EntityRefInput, required: true }),
    ...relationshipPropertyInputs(t),
    evidence: t.field({
      type: EvidenceInput,
      required: true,
      description: 'The source that states the relation.',
    }),
  }),
});

builder.mutationField('linkEntities', (t) =>
  t.field({
    type: RelationStatementRef,
    description:
      'States a relation with its properties and its source. The same relation, ends and source again updates the statement; another source adds a statement.',
    errors: { types: CURATION_ERRORS },
    args: { input: t.arg({ type: LinkInput, required: true }) },
    resolve: (_root, { input }, { executor, auth }) => {
      guard(auth);
      return linkEntities(executor, {
        type: input.type,
        from: { label: input.from.type, key: input.from.key },
        to: { label: input.to.type, key: input.to.key },
        properties: relationshipPropertiesOf(input),
        evidence: cleanEvidence([input.evidence as Evidence])[0] as Evidence,
      });
    },
  }),
);

const UnlinkInput = builder.inputType('UnlinkInput', {
  fields: (t) => ({
    type: t.field({ type: RelationTypeEnum, required: true }),
    from: t.field({ type: EntityRefInput, required: true }),
    to: t.field({ type: EntityRefInput, required: true }),
    source: t.string({ required: false, description: 'Remove only this source’s statement.' }),
  }),
});

const UnlinkedRef = builder.objectRef<{ removed: number }>('Unlinked').implement({
  fields: (t) => ({ removed: t.exposeInt('removed', { description: 'How many statements were removed.' }) }),
});

builder.mutationField('unlinkEntities', (t) =>
  t.field({
    type: UnlinkedRef,
    description: 'Removes a relation (all its statements, or one source’s).',
    errors: { types: CURATION_ERRORS },
    args: { input: t.arg({ type: UnlinkInput, required: true }) },
    resolve: async (_root, { input }, { executor, auth }) => {
      guard(auth);
      return {
        removed: await unlinkEntities(executor, {
          type: input.type,
          from: { label: input.from.type, key: input.from.key },
          to: { label: input.to.type, key: input.to.key },
          source: input.source,
        }),
      };
    },
  }),
);
