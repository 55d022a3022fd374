/**
 * Limits checked while a request is parsed and validated, before any resolver (and so any Cypher)
 * runs: tokens, aliases, and optionally no field suggestions or introspection. Depth, breadth and
 * complexity are the Pothos complexity plugin's (src/schema/builder.ts), with list costs tied to
 * `first`/`limit`. Each refusal says which limit, and which variable raises it.
 */
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { NoSchemaIntrospectionCustomRule } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function queryLimitPlugins(
  limits: { maxAliases: number; maxTokens: number },
  fieldSuggestions: boolean,
): Plugin[] {
  return [
    maxTokensPlugin({
      n: limits.maxTokens,
      errorMessage: `Query too large: it has more tokens than the limit of ${limits.maxTokens} (MAX_TOKENS).`,
      exposeLimits: false,
    }),
    maxAliasesPlugin({
      n: limits.maxAliases,
      errorMessage: `Too many aliases: more than ${limits.maxAliases} (MAX_ALIASES).`,
      exposeLimits: false,
    }),
    ...(fieldSuggestions ? [] : [blockFieldSuggestionsPlugin()]),
  ] as Plugin[];
}

/** INTROSPECTION=false: __schema and __type are refused at validation. */
export function useNoIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(NoSchemaIntrospectionCustomRule);
    },
  };
}
