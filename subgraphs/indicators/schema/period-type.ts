import { registerEnumType } from 'type-graphql';
import { PERIOD_TYPES, type PeriodType } from '../../../lib/period';

/** The period types of lib/period.ts, as a GraphQL enum. */
export const PeriodTypeEnum = Object.fromEntries(PERIOD_TYPES.map((t) => [t, t])) as { [T in PeriodType]: T };
registerEnumType(PeriodTypeEnum, {
  name: 'PeriodType',
  description: 'YEAR (2025), HALF (2025H1), QUARTER (2025Q3) or MONTH (2025-07)',
});
