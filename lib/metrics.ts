/**
 * Prometheus metrics of one service, served at GET /metrics: requests and latency per
 * operation, errors by code, and each service's own (subgraph fetch latency at the
 * gateway, figures written in the indicators subgraph). Label values come only from
 * known sets (operation names of the hub's own clients, the hub's error codes); anything
 * else is counted as `other`, so the metrics stay the same size whatever clients send.
 */
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { KNOWN_CODES } from './format-error';
import { knownOperations, operationOf, OTHER } from './operations';

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Most distinct values one label takes, `other` included. */
const MAX_LABEL_VALUES = 64;

/** A label's values: known ones as they are, up to a cap; everything else `other`. */
export class LabelValues {
  private readonly used = new Set<string>([OTHER]);

  constructor(
    private readonly known: ReadonlySet<string>,
    private readonly cap = MAX_LABEL_VALUES,
  ) {}

  of(value: string | null | undefined): string {
    if (value === null || value === undefined || !this.known.has(value)) return OTHER;
    if (this.used.has(value)) return value;
    if (this.used.size >= this.cap) return OTHER;
    this.used.add(value);
    return value;
  }
}

export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests: Counter<'operation' | 'outcome'>;
  readonly duration: Histogram<'operation'>;
  readonly errors: Counter<'code'>;
  readonly subgraphFetch: Histogram<'subgraph' | 'outcome'>;
  readonly subgraphFetchShared: Counter<'subgraph'>;
  readonly figuresWritten: Counter<'kind'>;
  private readonly operations = new LabelValues(knownOperations());
  private readonly codes = new LabelValues(KNOWN_CODES);

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
    this.subgraphFetchShared = new Counter({
      name: 'ipzone_subgraph_fetches_shared_total',
      help: 'Gateway fetches answered by an identical request already in flight (SUBGRAPH_DEDUP)',
      labelNames: ['subgraph'],
      registers,
    });
    this.figuresWritten = new Counter({
      name: 'ipzone_figures_written_total',
      help: 'Figure revisions written, by kind (created, updated)',
      labelNames: ['kind'],
      registers,
    });
  }

  /** One GraphQL request: its operation (a subgraph fetch counts as the operation it serves), outcome, time and error codes. */
  countRequest(operationName: string | null | undefined, seconds: number, codes: readonly string[]): void {
    const operation = this.operations.of(operationOf(operationName));
    this.requests.inc({ operation, outcome: codes.length ? 'error' : 'ok' });
    this.duration.observe({ operation }, seconds);
    for (const code of codes) this.countError(code);
  }

  /** An error answered with this code. */
  countError(code: string): void {
    this.errors.inc({ code: this.codes.of(code) });
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
