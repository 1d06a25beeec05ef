import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { EffectiveTaskStatus, TaskStatus } from '../model/progress';
import { Organization, Task } from './task';

export { EffectiveTaskStatus, TaskStatus };

registerEnumType(TaskStatus, {
  name: 'TaskStatus',
  description: 'The status a responsible agency reports for a task',
  valuesConfig: {
    NOT_STARTED: { description: 'Not started (also the status of a task never reported on)' },
    IN_PROGRESS: { description: 'Under way' },
    DONE: { description: 'Completed' },
    BLOCKED: { description: 'Held up; the note says by what' },
  },
});

registerEnumType(EffectiveTaskStatus, {
  name: 'EffectiveTaskStatus',
  description: "A task's reported status, or OVERDUE when its deadline has passed and it is not DONE",
  valuesConfig: {
    NOT_STARTED: { description: 'Not started, deadline not passed' },
    IN_PROGRESS: { description: 'Under way, deadline not passed' },
    DONE: { description: 'Completed (never overdue)' },
    BLOCKED: { description: 'Held up, deadline not passed' },
    OVERDUE: { description: "The deadline month's last day is before the as-of date and the task is not DONE" },
  },
});

@ObjectType({ description: 'One progress report on a task; reports are never changed or deleted' })
export class TaskReport {
  @Field(() => ID, { description: 'Number of the report' }) id: string;
  @Field(() => TaskStatus, { description: 'The status reported' }) status: TaskStatus;
  @Field(() => String, { nullable: true, description: 'What the agency wrote with it (at most 2000 characters)' })
  note: string | null;
  @Field(() => Organization, { nullable: true, description: 'The responsible organisation the report speaks for' })
  organization: Organization | null;
  @Field({ description: 'Subject of the token that reported it' }) reportedBy: string;
  @Field(() => Organization, { nullable: true, description: 'Organisation of the caller who reported it' })
  reportedByOrganization: Organization | null;
  @Field({ description: 'When it was recorded (ISO 8601)' }) reportedAt: string;
}

@ObjectType({ description: "A task's progress as of a day: its latest report and the reports before" })
export class TaskProgress {
  @Field({ description: 'The day (YYYY-MM-DD, UTC) this progress is as of; reports recorded after it do not count' })
  asOf: string;
  @Field(() => Task, { description: 'The task' }) task: Task;
  @Field(() => TaskStatus, { description: "The latest report's status; NOT_STARTED when there is none" }) status: TaskStatus;
  @Field(() => EffectiveTaskStatus, { description: 'The status, or OVERDUE when the deadline has passed without DONE' })
  effectiveStatus: EffectiveTaskStatus;
  @Field({ description: 'True when the deadline month ended before asOf and the task is not DONE; never for 长期坚持' })
  overdue: boolean;
  @Field(() => String, { nullable: true, description: 'When the latest report was recorded (ISO 8601); null when none' })
  lastReportedAt: string | null;
  @Field(() => Int, { nullable: true, description: "Whole days from the latest report's day to asOf; null when none" })
  lastReportAgeDays: number | null;
  @Field(() => String, { nullable: true, description: "The latest report's note" }) lastNote: string | null;
  @Field(() => Organization, { nullable: true, description: 'Organisation that made the latest report' })
  lastReportedBy: Organization | null;
  @Field(() => [TaskReport], { description: 'Reports recorded up to the end of asOf, oldest first' }) reports: TaskReport[];
}

@ObjectType({ description: 'How many tasks stand at each effective status (an overdue task counts only as overdue)' })
export class TaskStatusCounts {
  @Field(() => Int, { description: 'All tasks counted' }) total: number;
  @Field(() => Int, { description: 'NOT_STARTED, deadline not passed' }) notStarted: number;
  @Field(() => Int, { description: 'IN_PROGRESS, deadline not passed' }) inProgress: number;
  @Field(() => Int, { description: 'DONE' }) done: number;
  @Field(() => Int, { description: 'BLOCKED, deadline not passed' }) blocked: number;
  @Field(() => Int, { description: 'OVERDUE: deadline passed and not DONE' }) overdue: number;
}

@ObjectType({ description: "An organisation's tasks as of a day: those it leads and those it shares without leading" })
export class TaskScorecard {
  @Field({ description: 'The day (YYYY-MM-DD, UTC) the scorecard is as of' }) asOf: string;
  @Field(() => TaskStatusCounts, { description: 'Tasks it leads (first listed responsible unit)' }) led: TaskStatusCounts;
  @Field(() => TaskStatusCounts, { description: 'Tasks it is responsible for but does not lead' }) shared: TaskStatusCounts;
  @Field(() => [Task], { description: 'Tasks it leads, in document order' }) ledTasks: Task[];
  @Field(() => [Task], { description: 'Tasks it shares without leading, in document order' }) sharedTasks: Task[];
}
