/**
 * The operation names metrics may carry as labels: those the hub's own clients send (the
 * dashboard's queries, collected by `npm run build` into dist/dashboard/operations.json,
 * and the operations below). Any other name a client sends is counted as `other`, so no
 * client can grow the metrics by inventing names.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT, SUBGRAPHS } from './config';

/** Named operations of the command-line tools, the gateway's exports, the call between subgraphs and the benchmarks. */
export const HUB_OPERATIONS = [
  'ImportFigures',
  'DemoFigures',
  'TokenOrganization',
  'ExportKpis',
  'ExportScoreboard',
  'ExportCompleteness',
  'ExportOrganization',
  'ResolveOrganizations',
  'IdentityDirectory',
  'RecordTokenUse',
  'Scorecard',
  'ReportTemplate',
  'UploadFigures',
] as const;

/** Requests without an operation name. */
export const ANONYMOUS = 'anonymous';
/** Every name that is not a known one. */
export const OTHER = 'other';

/** Written by scripts/build-dashboard.ts: the operation names in dashboard/queries.ts. */
export const DASHBOARD_OPERATIONS_FILE = path.join(PROJECT_ROOT, 'dist', 'dashboard', 'operations.json');

/** Written by scripts/build-dashboard.ts: the query texts dashboard/queries.ts exports, by name (the bench sends them). */
export const DASHBOARD_QUERIES_FILE = path.join(PROJECT_ROOT, 'dist', 'dashboard', 'queries.json');

export function dashboardOperations(): string[] {
  try {
    const names: unknown = JSON.parse(readFileSync(DASHBOARD_OPERATIONS_FILE, 'utf8'));
    return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return []; // the dashboard is not built: its operations count as `other`
  }
}

export function knownOperations(): Set<string> {
  return new Set<string>([ANONYMOUS, ...HUB_OPERATIONS, ...dashboardOperations()]);
}

/** The gateway names each subgraph fetch `<operation>__<subgraph>__<n>`: the operation it serves. */
const FETCH_SUFFIX = new RegExp(`__(?:${SUBGRAPHS.join('|')})__\\d+$`);

export function operationOf(name: string | null | undefined): string {
  if (!name) return ANONYMOUS;
  return name.replace(FETCH_SUFFIX, '') || ANONYMOUS;
}
