/** Writes the plan's quantitative targets through this subgraph's store. */
import type { DataSource } from 'typeorm';
import { taskId, type IndicatorSeed } from '../../../seeds/model';
import { addCounts, upsertRows, type UpsertCounts } from '../../../lib/upsert';
import { defaultCalendar } from '../model/calendar';
import { defaultRules } from '../model/rules';

export async function seedIndicators(db: DataSource, indicators: IndicatorSeed[]): Promise<UpsertCounts> {
  return db.transaction(async (manager) => {
    let counts = await upsertRows(
      manager,
      'indicator',
      ['id'],
      indicators.map((i) => {
        const rules = defaultRules(i.valueKind);
        const calendar = defaultCalendar(i);
        return {
          id: i.id,
          name: i.name,
          name_en: i.nameEn,
          unit: i.unit,
          unit_en: i.unitEn,
          value_kind: i.valueKind,
          comparator: i.comparator,
          target_value: i.targetValue,
          deadline: i.deadline,
          periodicity: i.periodicity,
          rollup: i.rollup,
          headline: i.headline,
          quote: i.quote,
          source: i.source,
          period_types: rules.periodTypes,
          min_value: rules.minValue,
          max_value: rules.maxValue,
          integer_only: rules.integerOnly,
          formula: i.formula ?? null,
          calendar_period_type: calendar?.periodType ?? null,
          calendar_due_days: calendar?.dueDays ?? null,
          strict_bound: i.strictBound ?? false,
          weight_indicator_id: i.weightIndicator ?? null,
          mean_of_rates: i.meanOfRates ?? false,
        };
      }),
    );
    const owners = indicators.flatMap((i) =>
      i.ownerIds.map((org, position) => ({ indicator_id: i.id, organization_id: org, position: position + 1 })),
    );
    counts = addCounts(counts, await upsertRows(manager, 'indicator_owner', ['indicator_id', 'organization_id'], owners));
    const links = indicators.flatMap((i) => i.taskSeqs.map((seq) => ({ indicator_id: i.id, task_id: taskId(seq) })));
    return addCounts(counts, await upsertRows(manager, 'indicator_task', ['indicator_id', 'task_id'], links));
  });
}
