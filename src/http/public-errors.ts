/**
 * The last look at every error before it leaves: what a client may see of it.
 *
 * - `extensions.originalError` goes, unless DEBUG_ERRORS: yoga adds one of its own to "POST body sent
 *   invalid JSON." (the parser's message, which echoes the body back), besides the masked errors'.
 * - Variable values that do not fit their type ("Variable "$n" got invalid value …") are the client's
 *   input: they get `BAD_USER_INPUT` like every other input error (graphql-js gives them no code).
 * - A body that is not JSON is a 400 whatever the Accept header: yoga marks its error as one that an
 *   `application/json` answer reports with 200 (as the GraphQL-over-HTTP spec wants for documents that
 *   do not validate), but a body that does not parse is no GraphQL request at all, and the spec says a
 *   server SHOULD answer 400 (graphql-http's audit, tests/integration/graphql-http-audit.test.ts).
 *
 * Results without errors pass untouched (and keep graphql-jit's compiled serializer).
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

interface ResultWithErrors {
  errors?: readonly GraphQLError[];
}

/** Yoga's message for a POST body that is not JSON. */
const INVALID_JSON_BODY = 'POST body sent invalid JSON.';

function publicError(error: GraphQLError, debug: boolean): GraphQLError {
  const { originalError, ...extensions } = error.extensions ?? {};
  const isVariableError =
    !extensions.code && /^Variable "\$[^"]+" (got invalid value|of required type)/.test(error.message);
  const isBodyError = error.message === INVALID_JSON_BODY;
  if ((debug || originalError === undefined) && !isVariableError && !isBodyError) return error;
  const cleaned = new GraphQLError(error.message, {
    path: error.path,
    extensions: {
      ...(debug && originalError !== undefined ? { originalError } : {}),
      ...extensions,
      ...(isVariableError ? { code: 'BAD_USER_INPUT' } : {}),
      ...(isBodyError ? { http: { status: 400 } } : {}),
    },
  });
  // The same positions, without re-resolving them against a source we do not have here.
  if (error.locations) Object.assign(cleaned, { locations: error.locations });
  return cleaned;
}

export function usePublicErrors(debug: boolean): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (Array.isArray(result) || Symbol.asyncIterator in (result as object)) return;
      const { errors } = result as ResultWithErrors;
      if (!errors?.length) return;
      const cleaned = errors.map((e) => (e instanceof GraphQLError ? publicError(e, debug) : e));
      if (cleaned.every((e, i) => e === errors[i])) return;
      setResult({ ...(result as object), errors: cleaned } as typeof result);
    },
  };
}
