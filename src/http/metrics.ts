/** A request's URL without its query string: the `url` label of the HTTP duration histogram. */
export function urlLabel(url: string): string {
  const query = url.indexOf('?');
  return query < 0 ? url : url.slice(0, query);
}

/**
 * /metrics for Prometheus: request counts, latencies and errors (graphql-yoga's Prometheus plugin) and
 * the time of every Cypher statement (from the executor). Each app has its own registry, so several
 * apps in one process (tests) do not collide.
 */
import { createHistogram, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Histogram, Registry } from 'prom-client';
import type { Executor } from '../neo4j/executor.ts';

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
  return usePrometheus({
    endpoint: '/metrics',
    registry,
    metrics: {
      graphql_envelop_request: true,
      graphql_envelop_request_duration: true,
      graphql_envelop_error_result: true,
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
      // (or any query string at all) was a new series, kept for the life of the process — memory and
      // /metrics output without bound. The same histogram, labelled by the URL without its query.
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
          operationType: params.operationType || 'unknown',
          operationName: params.operationName || 'Anonymous',
          url: urlLabel(request.url),
        }),
        phases: ['request'],
      }),
    },
  }) as Plugin;
}
