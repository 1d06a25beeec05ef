import { Directive, Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import * as enums from '../../../lib/enums';
import type { PeriodType } from '../../../lib/period';
import { PeriodTypeEnum } from './period-type';

export const Comparator = enums.enumOf(enums.COMPARATORS);
export type Comparator = enums.Comparator;
registerEnumType(Comparator, {
  name: 'Comparator',
  description: 'How an actual value is held against the target, as the wording decides',
  valuesConfig: {
    AT_LEAST: { description: '以上 / 不低于 / 不少于 / 达到: actual ≥ target' },
    MORE_THAN: { description: '超过 / 突破: actual > target' },
    AT_MOST: { description: '以内: actual ≤ target' },
    EQUAL: { description: '100% / 全覆盖: actual = target' },
    REDUCE_BY_PERCENT: { description: '压减 X%: a reduction of at least X % against a recorded baseline' },
    INCREASE_BY_PERCENT: { description: '提升 / 增长 X%: an increase of at least X % against a recorded baseline' },
  },
});

export const Periodicity = enums.enumOf(enums.PERIODICITIES);
export type Periodicity = enums.Periodicity;
registerEnumType(Periodicity, {
  name: 'Periodicity',
  valuesConfig: {
    BY_DEADLINE: { description: 'A stock or one-off to reach by the deadline' },
    ANNUAL: { description: 'A flow counted per calendar year' },
    CONTINUOUS: { description: 'A rate or state that must hold in every period' },
  },
});

export const ValueKind = enums.enumOf(enums.VALUE_KINDS);
export type ValueKind = enums.ValueKind;
registerEnumType(ValueKind, { name: 'ValueKind', description: 'What a value measures; decides its valid bounds' });

export const Rollup = enums.enumOf(enums.ROLLUPS);
export type Rollup = enums.Rollup;
registerEnumType(Rollup, {
  name: 'Rollup',
  description: 'How figures of shorter periods combine into a longer one',
  valuesConfig: {
    SUM: { description: 'Flows: the sum of the periods' },
    LAST: { description: 'Stocks and levels: the latest period' },
    AVERAGE: { description: 'The mean of the periods' },
    RATIO: { description: 'Rates: the sum of numerators over the sum of denominators' },
  },
});

/**
 * Other subgraphs' entities, by key. Every field of this subgraph that returns one (or adds
 * a field to one) is nullable: when their subgraph is down, the gateway sets them to null
 * and the rest of the answer stands (test/unit/cross-subgraph-nullability.test.ts).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID) id: string;
}

@Directive('@key(fields: "id")')
@ObjectType()
export class Task {
  @Field(() => ID) id: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A quantitative target of the plan' })
export class Indicator {
  @Field(() => ID) id: string;
  @Field({ description: 'Name in Chinese, close to the document' }) name: string;
  @Field() nameEn: string;
  @Field({ description: 'Unit as the document writes it: 件, %, 天, 家 …' }) unit: string;
  @Field() unitEn: string;
  @Field(() => ValueKind) valueKind: ValueKind;
  @Field(() => Comparator, { nullable: true, description: 'null for a monitoring indicator (no target)' })
  comparator: Comparator | null;
  @Field(() => Float, { nullable: true, description: 'For REDUCE/INCREASE_BY_PERCENT: the percentage; null when no target' })
  targetValue: number | null;
  @Field(() => String, { nullable: true, description: 'Month the target is due (YYYY-MM); null when ongoing' })
  deadline: string | null;
  @Field(() => Periodicity) periodicity: Periodicity;
  @Field(() => Rollup) rollup: Rollup;
  @Field({ description: 'One of the eight city goals of section 一' }) headline: boolean;
  @Field({ description: 'The words of the document the target comes from' }) quote: string;
  @Field({ description: '"goals" (section 一) or "task:N"' }) source: string;
  @Field(() => [PeriodTypeEnum], { description: 'Period types figures may be reported for' })
  periodTypes: PeriodType[];
  @Field(() => Float, { nullable: true, description: 'Smallest valid value' }) minValue: number | null;
  @Field(() => Float, { nullable: true, description: 'Largest valid value (100 for percentages and scores)' })
  maxValue: number | null;
  @Field({ description: 'Values must be whole numbers (counts)' }) integerOnly: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      'For a derived indicator, how it is computed, e.g. [court-ip-cases-closed-within-limit] ÷ [court-ip-cases-closed] × 100',
  })
  formula: string | null;
  @Field({ description: 'A relative target written 超 X %: strictly beyond the bound (+X % exactly does not meet it)' })
  strictBound: boolean;
  @Field(() => ID, {
    nullable: true,
    description: 'For an average: the indicator whose figures weight each period (cases closed weight closure days)',
  })
  weightIndicatorId: string | null;
  @Field({
    description:
      'A rate whose parts are not collected, declared to be averaged (mean of its rates); otherwise rates come as numerator and denominator',
  })
  meanOfRates: boolean;
  calendarPeriodType: string | null;
  calendarDueDays: number | null;
  reportingFrom: string;
}

@InputType()
export class IndicatorFilter {
  @Field(() => Boolean, { nullable: true, description: 'Only the eight city goals (true) or only task targets (false)' })
  headline?: boolean | null;
  @Field(() => ID, { nullable: true, description: 'Only indicators this organisation owns' }) ownerId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only indicators of this task' }) taskId?: string | null;
  @Field(() => Comparator, { nullable: true }) comparator?: Comparator | null;
}
