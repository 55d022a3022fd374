/**
 * /metrics for Prometheus: request counts, latencies and errors (graphql-yoga's Prometheus plugin) and
 * the time of every Cypher statement (from the executor). Each app has its own registry, so several
 * apps in one process (tests) do not collide.
 */
import { createCounter, createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Histogram, Registry } from 'prom-client';
import type { Executor } from '../neo4j/executor.ts';

/** The paths the app serves, each its own `url` label; the files under a prefix share one. */
const PATHS = new Set([
  '/graphql',
  '/export/neighborhood',
  '/export/paths',
  '/metrics',
  '/readyz',
  '/healthz',
  '/',
]);
const PREFIXES = ['/explorer/', '/graphiql/'];

/**
 * The `url` label of a request: its path if the app serves it (`/explorer/*` for the Explorer's files),
 * else `other`. Never the host or the query string, which the client chooses: each value of a label is
 * a series kept for the life of the process, so a label a client can vary grows /metrics without bound.
 */
export function urlLabel(url: string): string {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start < 0) return '/';
  const query = url.indexOf('?', start);
  const path = query < 0 ? url.slice(start) : url.slice(start, query);
  if (PATHS.has(path)) return path;
  const prefix = PREFIXES.find((p) => path.startsWith(p));
  return prefix ? `${prefix}*` : 'other';
}

/** At most this many operation names get a series of their own; later ones share `other`. */
export const MAX_OPERATION_NAMES = 100;

/**
 * Operation names as labels, bounded: a client names its operations, and each name is a series per
 * metric for the life of the process. The first MAX_OPERATION_NAMES names seen keep theirs.
 */
export function operationNames(max = MAX_OPERATION_NAMES): (name: string | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    const label = name || 'Anonymous';
    if (seen.has(label)) return label;
    if (seen.size >= max) return 'other';
    seen.add(label);
    return label;
  };
}

export function useMetrics(executor: Executor): Plugin {
  const registry = new Registry();
  const cypher = new Histogram({
    name: 'hitech_kg_cypher_duration_seconds',
    help: 'Time of each Cypher statement, by access mode and outcome.',
    labelNames: ['mode', 'outcome'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  executor.onStatement((event) => {
    cypher.observe({ mode: event.mode, outcome: event.error ? 'error' : 'ok' }, event.ms / 1000);
  });
  const operationName = operationNames();
  const operation = (params: { operationName?: string; operationType?: string }) => ({
    operationName: operationName(params.operationName),
    operationType: params.operationType || 'unknown',
  });
  return usePrometheus({
    endpoint: '/metrics',
    registry,
    metrics: {
      // The plugin's own three, with the operation name bounded (operationNames).
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'Counts the amount of GraphQL requests executed',
          labelNames: ['operationType', 'operationName'],
        },
        fillLabelsFn: operation,
      }),
      graphql_envelop_request_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_envelop_request_duration',
          help: 'Time spent on running the GraphQL operation from parse to execute',
          labelNames: ['operationType', 'operationName'],
        },
        fillLabelsFn: operation,
      }),
      // Without the error's path, which aliases (chosen by the client) and list indices make unbounded.
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Counts the amount of errors reported from all phases',
          labelNames: ['operationType', 'operationName', 'phase'],
        },
        fillLabelsFn: (params) => ({ ...operation(params), phase: params.errorPhase ?? 'unknown' }),
      }),
      // Per-phase histograms cost more per request than they tell; the totals above suffice.
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_schema_change: false,
      graphql_envelop_request_time_summary: false,
      // The plugin's own histogram labels each request by its whole URL: every GET with other variables
      // (or another Host header) was a new series, kept for the life of the process — memory and
      // /metrics output without bound. The same histogram, labelled by the path (urlLabel).
      graphql_yoga_http_duration: createHistogram({
        registry,
        histogram: {
          name: 'graphql_yoga_http_duration',
          help: 'Time spent on HTTP connection',
          labelNames: ['operationName', 'operationType', 'method', 'statusCode', 'url'],
        },
        fillLabelsFn: (params, { request, response }) => ({
          method: request.method,
          statusCode: response.status,
          ...operation(params),
          url: urlLabel(request.url),
        }),
        phases: ['request'],
      }),
    },
  }) as Plugin;
}
