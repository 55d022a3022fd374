/**
 * Paging arguments checked before execution (src/schema/paging-args.ts): an invalid one refuses the
 * operation as a request error (HTTP 400, no data) instead of nulling the list's parent.
 */
import type { Plugin } from 'graphql-yoga';
import { checkPagingArgs } from '../schema/paging-args.ts';

export function usePagingChecks(maxPageSize: number): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = checkPagingArgs(args, maxPageSize);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
