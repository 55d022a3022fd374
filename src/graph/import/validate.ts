/**
 * Checks one node or relation of either format against the fact schemas (facts.ts) and the ontology,
 * reporting every problem at its location; only a valid item comes back.
 */
import { type NodeFact, nodeFactSchema, type RelationFact, relationFactSchema } from '../facts.ts';
import { isLabel } from '../ontology.ts';
import { type ImportProblem, type Locator, type ProblemDetail, problemAt } from './problems.ts';
import { issueProblem } from './schema-issues.ts';

const NODE_MEMBERS = [
  'label',
  'key',
  'name',
  'nameZh',
  'aliases',
  'description',
  'formerKeys',
  'properties',
  'evidence',
  'claims',
];
const RELATION_MEMBERS = ['type', 'from', 'to', 'properties', 'evidence'];
const EVIDENCE_MEMBERS = ['source', 'quote', 'paragraph', 'note'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Report = (sub: readonly PropertyKey[], detail: ProblemDetail) => void;

function reporter(locate: Locator, problems: ImportProblem[]): Report {
  return (sub, detail) => problems.push(problemAt(locate(sub), detail));
}

function unknownMembers(
  value: unknown,
  allowed: readonly string[],
  sub: PropertyKey[],
  report: Report,
): void {
  if (!isRecord(value)) return;
  for (const name of Object.keys(value)) {
    if (!allowed.includes(name)) report([...sub, name], { code: 'unknown-member', allowed });
  }
}

/** Validates one node; reports its problems through `locate`; returns it when valid. */
export function validateNode(raw: unknown, locate: Locator, problems: ImportProblem[]): NodeFact | undefined {
  const report = reporter(locate, problems);
  unknownMembers(raw, NODE_MEMBERS, [], report);
  if (isRecord(raw) && Array.isArray(raw.evidence)) {
    raw.evidence.forEach((e, j) => {
      unknownMembers(e, EVIDENCE_MEMBERS, ['evidence', j], report);
    });
  }
  // The schema's refinements read the label's properties, so they only run on a known label; with an
  // unknown one, the other members are still checked (label-dependent checks aside).
  const label = isRecord(raw) ? raw.label : undefined;
  const knownLabel = typeof label === 'string' && isLabel(label);
  if (isRecord(raw) && !knownLabel) {
    report(
      ['label'],
      label === undefined || label === '' ? { code: 'required' } : { code: 'unknown-label', label },
    );
  }
  const input = isRecord(raw) && !knownLabel ? { ...raw, label: 'Source', properties: undefined } : raw;
  const result = nodeFactSchema.safeParse(input, { reportInput: true });
  if (result.success) return knownLabel ? (result.data as NodeFact) : undefined;
  for (const issue of result.error.issues) {
    if (!knownLabel && issue.path[0] === 'label') continue;
    report(issue.path, issueProblem(issue, raw));
  }
  return undefined;
}

/** Validates one relation; reports its problems through `locate`; returns it when valid. */
export function validateRelation(
  raw: unknown,
  locate: Locator,
  problems: ImportProblem[],
): RelationFact | undefined {
  const report = reporter(locate, problems);
  unknownMembers(raw, RELATION_MEMBERS, [], report);
  if (isRecord(raw)) unknownMembers(raw.evidence, EVIDENCE_MEMBERS, ['evidence'], report);
  const result = relationFactSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data as RelationFact;
  for (const issue of result.error.issues) report(issue.path, issueProblem(issue, raw));
  return undefined;
}

/** "Label:key" of a node as written, valid or not, when it names both. */
export function declaredRef(raw: unknown): string | undefined {
  return isRecord(raw) && typeof raw.label === 'string' && typeof raw.key === 'string'
    ? `${raw.label}:${raw.key}`
    : undefined;
}
