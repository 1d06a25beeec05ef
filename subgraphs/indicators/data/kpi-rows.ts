/**
 * The rows the reads of KPIs return (data/kpi-reads.ts), and the columns they are read
 * from: an indicator with what its KPI needs, a baseline, an observation, a breakdown's
 * name, a period's first report.
 */
import { z } from 'zod';
import { VALUE_KINDS, type ValueKind } from '../../../lib/enums';
import { column } from '../../../lib/rows';

export interface KpiIndicatorRow {
  id: string;
  name: string;
  headline: boolean;
  comparator: string | null;
  targetValue: number | null;
  deadline: string | null;
  rollup: string;
  valueKind: ValueKind;
  maxValue: number | null;
  formula: string | null;
  calendarPeriodType: string | null;
  calendarDueDays: number | null;
  reportingFrom: string;
  owners: string[];
  taskIds: string[];
  periodicity: string;
  strictBound: boolean;
  weightIndicatorId: string | null;
  meanOfRates: boolean;
}

export interface BaselineRow {
  indicatorId: string;
  breakdown: string;
  value: number;
  period: string | null;
  note: string | null;
  recordedBy: string;
  recordedByOrg: string;
  recordedAt: string;
}

/** A row of indicator_baseline, as a baseline. */
export const BaselineColumns = z
  .object({
    indicator_id: column.text,
    breakdown: column.text,
    value: column.number,
    period: column.optionalText,
    note: column.optionalText,
    recorded_by: column.text,
    recorded_by_org: column.text,
    recorded_at: column.instant,
  })
  .transform((r): BaselineRow => ({
    indicatorId: r.indicator_id,
    breakdown: r.breakdown,
    value: r.value,
    period: r.period,
    note: r.note,
    recordedBy: r.recorded_by,
    recordedByOrg: r.recorded_by_org,
    recordedAt: r.recorded_at,
  }));

export const IndicatorColumns = z.object({
  id: column.text,
  name: column.text,
  headline: column.boolean,
  comparator: column.optionalText,
  target_value: column.optionalNumber,
  deadline: column.optionalText,
  rollup: column.text,
  value_kind: column.oneOf(VALUE_KINDS),
  max_value: column.optionalNumber,
  formula: column.optionalText,
  calendar_period_type: column.optionalText,
  calendar_due_days: column.optionalNumber,
  reporting_from: column.text,
  owners: column.texts,
  task_ids: column.texts,
  periodicity: column.text,
  strict_bound: column.boolean,
  weight_indicator_id: column.optionalText,
  mean_of_rates: column.boolean,
});

export const ObservationColumns = z.object({
  indicator_id: column.text,
  breakdown: column.text,
  period: column.period,
  value: column.number,
  numerator: column.optionalNumber,
  denominator: column.optionalNumber,
  source: column.optionalText,
});

export const BreakdownColumns = z.object({ indicator_id: column.text, period: column.text, breakdown: column.text });

export const FirstReportColumns = z.object({
  indicator_id: column.text,
  period: column.text,
  part: column.boolean,
  first: column.instant,
  reported: column.optionalText,
});
