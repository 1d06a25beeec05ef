import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'plan' })
export class PlanRecord {
  @PrimaryColumn('text') id: string;
  @Column('text') title: string;
  @Column('text', { name: 'title_en' }) titleEn: string;
  @Column('text', { name: 'document_number' }) documentNumber: string;
  @Column('text') issuer: string;
  @Column('date', { name: 'signed_on' }) signedOn: string;
  @Column('date', { name: 'printed_on' }) printedOn: string;
}

@Entity({ name: 'phase' })
export class PhaseRecord {
  @PrimaryColumn('text', { name: 'plan_id' }) planId: string;
  @PrimaryColumn('int') seq: number;
  @Column('text') name: string;
  @Column('text', { name: 'name_en' }) nameEn: string;
  @Column('text', { name: 'start_month' }) startMonth: string;
  @Column('text', { name: 'end_month' }) endMonth: string;
  @Column('text') description: string;
}

@Entity({ name: 'section' })
export class SectionRecord {
  @PrimaryColumn('int') seq: number;
  @Column('text') numeral: string;
  @Column('text') title: string;
  @Column('text', { name: 'title_en' }) titleEn: string;
  @Column('text', { name: 'annex_category' }) annexCategory: string;
}

@Entity({ name: 'measure' })
export class MeasureRecord {
  @PrimaryColumn('int') seq: number;
  @Column('int', { name: 'section_seq' }) sectionSeq: number;
  @Column('text') title: string;
  @Column('text', { name: 'title_en' }) titleEn: string;
  @Column('text') text: string;
}

@Entity({ name: 'task' })
export class TaskRecord {
  @PrimaryColumn('text') id: string;
  @Column('int') seq: number;
  @Column('int', { name: 'section_seq' }) sectionSeq: number;
  @Column('int', { name: 'measure_seq' }) measureSeq: number;
  @Column('text') category: string;
  @Column('text', { name: 'category_as_printed', nullable: true }) categoryAsPrinted: string | null;
  @Column('text') content: string;
  @Column('boolean') featured: boolean;
  @Column('text', { name: 'responsible_as_written' }) responsibleAsWritten: string;
  @Column('text', { name: 'deadline_as_written' }) deadlineAsWritten: string;
  /** YYYY-MM, null when ongoing (长期坚持). */
  @Column('text', { nullable: true }) deadline: string | null;
  @Column('boolean') ongoing: boolean;
  /** Organization id of the first responsible unit. */
  @Column('text', { name: 'lead_organization_id' }) leadOrganizationId: string;
}

/** One responsible unit of a task, in document order (position 1 is the lead). */
@Entity({ name: 'task_responsible' })
export class TaskResponsibleRecord {
  @PrimaryColumn('text', { name: 'task_id' }) taskId: string;
  @PrimaryColumn('int') position: number;
  @Column('text', { name: 'organization_id' }) organizationId: string;
  @Column('text', { name: 'as_written' }) asWritten: string;
  @Column('text', { nullable: true }) qualifier: string | null;
}

/** A progress report on a task; reports are only ever added, and the latest is the task's status. */
@Entity({ name: 'task_report' })
export class TaskReportRecord {
  @PrimaryColumn('bigint') id: string;
  @Column('text', { name: 'task_id' }) taskId: string;
  /** The responsible organisation the report speaks for. */
  @Column('text', { name: 'organization_id' }) organizationId: string;
  @Column('text') status: string;
  @Column('text', { nullable: true }) note: string | null;
  /** Subject of the token that reported it. */
  @Column('text', { name: 'reported_by' }) reportedBy: string;
  /** Organisation of the caller who reported it. */
  @Column('text', { name: 'reported_by_org' }) reportedByOrg: string;
  @Column('timestamptz', { name: 'reported_at' }) reportedAt: Date;
}
