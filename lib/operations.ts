/**
 * The operation names metrics may carry as labels: those the hub's own clients send (the
 * pages' operations, collected by `npm run build` into dist/dashboard/operations.json,
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
  'DemoCollisions',
  'TokenOrganization',
  'ExportKpis',
  'ExportScoreboard',
  'ExportCompleteness',
  'ExportOrganization',
  'ResolveOrganizations',
  'IdentityDirectory',
  'OrganizationNamed',
  'SearchOrganizations',
  'RecordTokenUse',
  'Scorecard',
  'ReportTemplate',
  'UploadFigures',
  'UploadReport',
  'BriefingGoals',
  'BriefingAttention',
  'BriefingReporting',
  'BriefingFigures',
  'SdmxStructure',
  'SdmxData',
] as const;

/** Requests without an operation name. */
const ANONYMOUS = 'anonymous';
/** Every name that is not a known one. */
export const OTHER = 'other';

/**
 * Written by scripts/build-dashboard.ts: the pages' GraphQL operations (dashboard/ and
 * report/, as scripts/build-types.ts types them), by name, each text with the fragments it
 * spreads (the bench sends the dashboard's).
 */
export const PAGE_OPERATIONS_FILE = path.join(PROJECT_ROOT, 'dist', 'dashboard', 'operations.json');

/** The pages' operation texts by name; none when the pages are not built. */
export function pageOperationTexts(): Record<string, string> {
  try {
    const texts: unknown = JSON.parse(readFileSync(PAGE_OPERATIONS_FILE, 'utf8'));
    if (!texts || typeof texts !== 'object' || Array.isArray(texts)) return {};
    return Object.fromEntries(Object.entries(texts).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  } catch {
    return {}; // the pages are not built: their operations count as `other`
  }
}

/** The names of the pages' operations, sorted. */
export function pageOperations(): string[] {
  return Object.keys(pageOperationTexts()).sort();
}

export function knownOperations(): Set<string> {
  return new Set<string>([ANONYMOUS, ...HUB_OPERATIONS, ...pageOperations()]);
}

/** The gateway names each subgraph fetch `<operation>__<subgraph>__<n>`: the operation it serves. */
const FETCH_SUFFIX = new RegExp(`__(?:${SUBGRAPHS.join('|')})__\\d+$`);

export function operationOf(name: string | null | undefined): string {
  if (!name) return ANONYMOUS;
  return name.replace(FETCH_SUFFIX, '') || ANONYMOUS;
}
