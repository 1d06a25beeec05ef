import { registerEnumType } from 'type-graphql';
import { enumOf } from '../../../lib/enums';
import { PERIOD_TYPES } from '../../../lib/period';

/** The period types of lib/period.ts, as a GraphQL enum. */
export const PeriodTypeEnum = enumOf(PERIOD_TYPES);
registerEnumType(PeriodTypeEnum, {
  name: 'PeriodType',
  description: 'YEAR (2025), HALF (2025H1), QUARTER (2025Q3) or MONTH (2025-07)',
});
