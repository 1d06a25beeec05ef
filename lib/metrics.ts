/**
 * Prometheus metrics of one service, served at GET /metrics: requests and latency per
 * operation, errors by code, and each service's own (subgraph fetch latency at the
 * gateway, figures written in the indicators subgraph).
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly subgraphFetch: Histogram<'subgraph' | 'outcome'>;
  readonly figuresWritten: Counter<'kind'>;

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry, prefix: 'ipzone_process_' });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'ipzone_graphql_requests_total',
      help: 'GraphQL requests by operation and outcome (ok, error)',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'ipzone_graphql_request_duration_seconds',
      help: 'GraphQL request latency by operation',
      labelNames: ['operation'],
      buckets: BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'ipzone_errors_total',
      help: 'Errors answered, by extensions.code',
      labelNames: ['code'],
      registers,
    });
    this.subgraphFetch = new Histogram({
      name: 'ipzone_subgraph_fetch_duration_seconds',
      help: 'Gateway fetches from each subgraph',
      labelNames: ['subgraph', 'outcome'],
      buckets: BUCKETS,
      registers,
    });
    this.figuresWritten = new Counter({
      name: 'ipzone_figures_written_total',
      help: 'Figure revisions written, by kind (created, updated)',
      labelNames: ['kind'],
      registers,
    });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
