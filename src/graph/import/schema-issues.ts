/**
 * Turns an issue of the fact schemas (zod, facts.ts) into problem data. The ontology's own rules say
 * what they found in the issue's `params` (facts.ts, OntologyRuleBroken); zod's type and size checks
 * in the issue's fields. What neither covers keeps the schema's words, as a `rule`.
 */
import { z } from 'zod';
import type { OntologyRuleBroken } from '../facts.ts';
import { isPrimitive, type ProblemDetail } from './problems.ts';

/** The problem an issue of a fact schema stands for; `item` is the item that was checked. */
export function issueProblem(issue: z.core.$ZodIssue, item: unknown): ProblemDetail {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return { code: 'required' };
      return {
        code: 'wrong-type',
        expected: issue.expected,
        received: z.core.util.parsedType(input),
        ...(isPrimitive(input) && { input }),
      };
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return { code: 'empty' };
      if (issue.origin === 'number' && Number(issue.minimum) === 0) return { code: 'not-positive', input };
      return { code: 'rule', rule: issue.message };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'too-long', maximum: issue.maximum };
      return { code: 'rule', rule: issue.message };
    case 'custom': {
      const broken = ontologyRule(issue);
      if (broken) return brokenRuleProblem(broken, issue, item, input);
      return { code: 'rule', rule: issue.message, ...(isPrimitive(input) && { input }) };
    }
    case 'invalid_value':
      // zod's words for it show the allowed values already.
      return { code: 'rule', rule: issue.message };
    default:
      return { code: 'rule', rule: issue.message, ...(isPrimitive(input) && { input }) };
  }
}

function ontologyRule(issue: z.core.$ZodIssueCustom): OntologyRuleBroken | undefined {
  const params = issue.params as Partial<OntologyRuleBroken> | undefined;
  return typeof params?.rule === 'string' ? (params as OntologyRuleBroken) : undefined;
}

function brokenRuleProblem(
  broken: OntologyRuleBroken,
  issue: z.core.$ZodIssueCustom,
  item: unknown,
  input: unknown,
): ProblemDetail {
  switch (broken.rule) {
    case 'unknown-label':
      return { code: 'unknown-label', label: input };
    case 'unknown-type':
      return { code: 'unknown-type', type: input };
    case 'unknown-end-label': {
      const end = issue.path[0];
      const ref =
        typeof item === 'object' && item !== null && end !== undefined ? item[end as never] : undefined;
      return { code: 'unknown-end-label', ref, label: broken.label };
    }
    case 'endpoints-not-allowed':
      return { code: 'endpoints-not-allowed', type: broken.type, from: broken.from, to: broken.to };
  }
}
