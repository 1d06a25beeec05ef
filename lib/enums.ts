/**
 * The hub's closed vocabularies, each written once as a list: the seeds' model, the
 * subgraphs' domains, their GraphQL enums (registered from `enumOf(list)`), the CHECK
 * constraints of their migrations (`sqlIn(column, list)`) and, through the generated
 * page types, the browser pages all take them from here. Period types are lib/period.ts's
 * PERIOD_TYPES. test/integration/enums.test.ts holds the database to these lists.
 */

/** How an actual value is held against its target, as the plan's wording decides. */
export const COMPARATORS = ['AT_LEAST', 'MORE_THAN', 'AT_MOST', 'EQUAL', 'REDUCE_BY_PERCENT', 'INCREASE_BY_PERCENT'] as const;
export type Comparator = (typeof COMPARATORS)[number];

/** A figure's lifecycle: reported and open to change, or confirmed. Its quality is a flag. */
export const FIGURE_STATUSES = ['PROVISIONAL', 'FINAL'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];

/** Quality flags of a figure, apart from its status, each with its SDMX OBS_STATUS code. */
export const OBS_STATUS = {
  ESTIMATED: 'E',
  BREAK_IN_SERIES: 'B',
  FORECAST: 'F',
  IMPUTED: 'I',
  LOW_RELIABILITY: 'U',
  DEFINITION_DIFFERS: 'D',
} as const;
export type QualityFlag = keyof typeof OBS_STATUS;
export const QUALITY_FLAGS = Object.keys(OBS_STATUS) as QualityFlag[];

/** Where a target stands. */
export const KPI_STATUSES = [
  'ACHIEVED',
  'ON_TRACK',
  'AT_RISK',
  'OFF_TRACK',
  'INCOMPLETE',
  'NO_DATA',
  'NO_BASELINE',
  'NO_TARGET',
] as const;
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** When a target is measured: by its deadline, per year, or in every period. */
export const PERIODICITIES = ['BY_DEADLINE', 'ANNUAL', 'CONTINUOUS'] as const;
export type Periodicity = (typeof PERIODICITIES)[number];

/** What a value measures; decides its valid bounds. DAYS and YEARS: a term (a duration), never a count. */
export const VALUE_KINDS = ['COUNT', 'PERCENT', 'SCORE', 'DAYS', 'RATIO', 'AMOUNT', 'YEARS'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** How figures of shorter periods combine into a longer one. */
export const ROLLUPS = ['SUM', 'LAST', 'AVERAGE', 'RATIO'] as const;
export type Rollup = (typeof ROLLUPS)[number];

/** What a responsible agency reports about a task. */
export const TASK_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'DONE', 'BLOCKED'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task's reported status, or OVERDUE when its deadline has passed without DONE. */
export const EFFECTIVE_TASK_STATUSES = [...TASK_STATUSES, 'OVERDUE'] as const;
export type EffectiveTaskStatus = (typeof EFFECTIVE_TASK_STATUSES)[number];

/** What an entry of the period-lock audit records. */
export const LOCK_ACTIONS = ['LOCK', 'UNLOCK'] as const;
export type LockAction = (typeof LOCK_ACTIONS)[number];

/** Kinds of organisations that appear among the plan's responsible units. */
export const ORGANIZATION_KINDS = [
  'PARTY_COMMITTEE_DEPARTMENT', // 市委宣传部, 市委网信办, …
  'GOVERNMENT_DEPARTMENT', // 市市场监管局, 市公安局, …
  'COURT', // 市法院
  'PROCURATORATE', // 市检察院
  'CUSTOMS', // 武汉海关
  'DISTRICT_GOVERNMENT', // 各区人民政府
  'DEVELOPMENT_ZONE_COMMITTEE', // 东湖高新区管委会, 武汉经开区管委会, …
  'PUBLIC_INSTITUTION', // 武汉仲裁委办, …
  'PEOPLE_ORGANIZATION', // 市科协, 市贸促会
  'FINANCIAL_REGULATOR', // 人行湖北省分行营管部
  'CITY_GOVERNMENT', // 市人民政府 / 办公厅
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Each name of `names` to itself: the object a GraphQL schema registers as an enum. */
export function enumOf<const Name extends string>(names: readonly Name[]): { readonly [N in Name]: N } {
  return Object.freeze(Object.fromEntries(names.map((name) => [name, name]))) as { readonly [N in Name]: N };
}

/** `column IN ('A','B',…)`: the body of a migration's CHECK constraint over `names`. */
export function sqlIn(column: string, names: readonly string[]): string {
  for (const name of names) if (!/^[A-Z][A-Z0-9_]*$/.test(name)) throw new Error(`not an enum name: ${name}`);
  return `${column} IN (${names.map((name) => `'${name}'`).join(',')})`;
}
