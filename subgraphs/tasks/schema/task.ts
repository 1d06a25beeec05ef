import { Directive, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { LocalDate } from '../../../lib/scalars';

/**
 * An organisation as the tasks subgraph knows it: by key, with the tasks it shares. Every
 * field that returns one (or adds a field to one) is nullable, so the organizations
 * subgraph down costs only the organisations (test/unit/cross-subgraph-nullability.test.ts).
 */
@Directive('@key(fields: "id")')
@ObjectType()
export class Organization {
  @Field(() => ID) id: string;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'A row of the annex 任务清单及责任分工' })
export class Task {
  @Field(() => ID, { description: '"T01" … "T58"' }) id: string;
  @Field(() => Int, { description: '序号' }) seq: number;
  @Field(() => Int) sectionSeq: number;
  @Field(() => Int) measureSeq: number;
  @Field({ description: '工作任务 of the merged cell the row belongs to' }) category: string;
  @Field(() => String, { nullable: true, description: '工作任务 as printed on this row (null when blank)' })
  categoryAsPrinted: string | null;
  @Field({ description: '具体内容 as written, without the ★' }) content: string;
  @Field({ description: 'A featured task (★ 特色重点任务)' }) featured: boolean;
  @Field({ description: '责任单位 as written' }) responsibleAsWritten: string;
  @Field({ description: '完成时限 as written: 2025年12月 or 长期坚持' }) deadlineAsWritten: string;
  @Field(() => String, { nullable: true, description: 'Deadline month (YYYY-MM); null when ongoing' })
  deadline: string | null;
  @Field({ description: 'True for 长期坚持 (ongoing, no deadline)' }) ongoing: boolean;
  leadOrganizationId: string;
}

@ObjectType({ description: 'A responsible unit of a task, in document order' })
export class ResponsibleUnit {
  @Field(() => Int, { description: '1 is the lead' }) position: number;
  @Field({ description: 'The unit as the cell writes it' }) asWritten: string;
  @Field(() => String, { nullable: true, description: 'Parenthesised qualifier, e.g. 含开发区…' }) qualifier: string | null;
  @Field({ description: 'True for the first listed unit' }) lead: boolean;
  @Field(() => Organization, { nullable: true }) organization: Organization | null;
}

@InputType({ description: 'Narrows the list of tasks; all given conditions apply' })
export class TaskFilter {
  @Field(() => Int, { nullable: true, description: 'Section 1…7' }) section?: number | null;
  @Field(() => Int, { nullable: true, description: 'Measure 1…22' }) measure?: number | null;
  @Field(() => Boolean, { nullable: true }) featured?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'true: only 长期坚持; false: only tasks with a deadline' })
  ongoing?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Earliest deadline month, YYYY-MM (excludes ongoing tasks)' })
  deadlineFrom?: string | null;
  @Field(() => String, { nullable: true, description: 'Latest deadline month, YYYY-MM (excludes ongoing tasks)' })
  deadlineTo?: string | null;
  @Field(() => ID, { nullable: true, description: 'Only tasks this organisation is responsible for' })
  organizationId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'With organizationId: only tasks it leads' })
  leadOnly?: boolean | null;
  @Field(() => LocalDate, { nullable: true, description: 'Only tasks overdue on this day, YYYY-MM-DD' })
  overdueAsOf?: string | null;
}
