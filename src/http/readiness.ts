/**
 * /readyz: 200 while `check` says Neo4j answers, 503 otherwise (with the reason as text when the check
 * throws). yoga's useReadinessCheck answers the same, but also tests every other request's URL against a
 * URLPattern built from the endpoint — which matches nothing a plain comparison of the path does not,
 * and cost about 1.5 % of a lookup's server CPU (docs/architecture.md, "What each request pays over
 * HTTP, fourth pass").
 */
import type { Plugin } from 'graphql-yoga';

export function useReadiness(endpoint: string, check: () => Promise<boolean>): Plugin {
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      // The path only: yoga's check also took any URL ending with it (`/graphql?x=/readyz`).
      if (url.pathname !== endpoint) return;
      return check().then(
        (ready) => endResponse(new fetchAPI.Response(null, { status: ready ? 200 : 503 })),
        (error: unknown) =>
          endResponse(
            error instanceof Error
              ? new fetchAPI.Response(error.message, {
                  status: 503,
                  headers: { 'content-type': 'text/plain; charset=utf-8' },
                })
              : new fetchAPI.Response(null, { status: 503 }),
          ),
      );
    },
  };
}

/**
 * /healthz: 200 while the process lives, with or without a query string (yoga's own health check
 * answers only a URL that ends with the path, and stays for that).
 */
export function useLiveness(endpoint: string): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname === endpoint) endResponse(new fetchAPI.Response(null, { status: 200 }));
    },
  };
}
