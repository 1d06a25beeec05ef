import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numericColumn } from '../../../lib/sql';

@Entity({ name: 'indicator' })
export class IndicatorRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') name: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
  @Column('text') unit: string;
  @Column('text', { name: 'unit_en' }) unitEn: string;
  @Column('text', { name: 'value_kind' }) valueKind: string;
  @Column('text', { nullable: true }) comparator: string | null;
  @Column('numeric', { name: 'target_value', nullable: true, transformer: numericColumn }) targetValue: number | null;
  @Column('text', { nullable: true }) deadline: string | null;
  @Column('text') periodicity: string;
  @Column('text') rollup: string;
  @Column('boolean') headline: boolean;
  @Column('text') quote: string;
  @Column('text') source: string;
  @Column('text', { name: 'period_types', array: true }) periodTypes: string[];
  @Column('numeric', { name: 'min_value', nullable: true, transformer: numericColumn }) minValue: number | null;
  @Column('numeric', { name: 'max_value', nullable: true, transformer: numericColumn }) maxValue: number | null;
  @Column('boolean', { name: 'integer_only' }) integerOnly: boolean;
  @Column('text', { nullable: true }) formula: string | null;
  @Column('text', { name: 'calendar_period_type', nullable: true }) calendarPeriodType: string | null;
  @Column('int', { name: 'calendar_due_days', nullable: true }) calendarDueDays: number | null;
  @Column('date', { name: 'reporting_from' }) reportingFrom: string;
  @Column('boolean', { name: 'strict_bound', default: false }) strictBound: boolean;
  @Column('text', { name: 'weight_indicator_id', nullable: true }) weightIndicatorId: string | null;
  @Column('boolean', { name: 'mean_of_rates', default: false }) meanOfRates: boolean;
}

@Entity({ name: 'indicator_owner' })
export class IndicatorOwnerRecord {
  @PrimaryColumn('text', { name: 'indicator_id' }) indicatorId: string;
  @PrimaryColumn('text', { name: 'organization_id' }) organizationId: string;
  @Column('int') position: number;
}

@Entity({ name: 'indicator_task' })
export class IndicatorTaskRecord {
  @PrimaryColumn('text', { name: 'indicator_id' }) indicatorId: string;
  @PrimaryColumn('text', { name: 'task_id' }) taskId: string;
}
