import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Figure } from './figure';
import { Organization } from './indicator';

export enum SubmissionState {
  SUBMITTED = 'SUBMITTED',
  APPROVED = 'APPROVED',
  ACCEPTED = 'ACCEPTED',
  RETURNED = 'RETURNED',
}
registerEnumType(SubmissionState, {
  name: 'SubmissionState',
  valuesConfig: {
    SUBMITTED: { description: 'Waiting for review (for the approver first when the organisation has a first level)' },
    APPROVED: { description: "Approved by the organisation's approver: waiting for the coordinator" },
    ACCEPTED: { description: 'Accepted by the coordinator: its figures are FINAL and closed to edits until reopened' },
    RETURNED: { description: 'Returned with a comment: the organisation corrects and pushes again' },
  },
});

@ObjectType({ description: 'A transition of a submission, as audited' })
export class SubmissionEvent {
  @Field({ description: 'SUBMIT, APPROVE, ACCEPT, RETURN or REOPEN' }) action: string;
  @Field(() => SubmissionState, { description: 'The state it led to' }) state: SubmissionState;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field({ description: 'Subject of the token that took it' }) actor: string;
  @Field(() => Organization, { nullable: true }) actorOrganization: Organization | null;
  @Field() at: string;
}

@ObjectType({ description: 'A warning a push raised on a figure of the submission (e.g. IMPLAUSIBLE_JUMP)' })
export class SubmissionWarning {
  @Field() indicatorId: string;
  @Field() breakdown: string;
  @Field() code: string;
  @Field() message: string;
  @Field() at: string;
}

@ObjectType({ description: 'A figure that differs from the previous submission (as it stood when returned or accepted)' })
export class FigureChange {
  @Field() indicatorId: string;
  @Field() breakdown: string;
  @Field(() => Float, { nullable: true, description: 'null: no value before (new or withdrawn)' }) previousValue: number | null;
  @Field(() => Float, { nullable: true, description: 'null: no value now (withdrawn)' }) value: number | null;
}

@ObjectType({ description: 'What an organisation reported for one period, reviewed as a whole' })
export class Submission {
  @Field(() => ID) id: string;
  @Field(() => Organization, { nullable: true }) organization: Organization | null;
  @Field() period: string;
  @Field(() => SubmissionState) state: SubmissionState;
  @Field(() => Int, { description: 'Times submitted: a push after a return starts the next round' }) round: number;
  @Field(() => String, { nullable: true, description: 'The latest comment of a review (why it was returned)' })
  comment: string | null;
  @Field(() => Int, { description: '1: the organisation’s approver approves before the coordinator accepts; 0: no first level' })
  approvalLevels: number;
  @Field({ description: 'Subject who submitted the current round' }) submittedBy: string;
  @Field({ description: 'When the current round was submitted: the review queue’s order' }) submittedAt: string;
  @Field() updatedAt: string;
  @Field(() => [Figure], { description: 'Its figures as they stand (withdrawn ones included)' }) figures: Figure[];
  @Field(() => [SubmissionWarning], { description: 'Warnings raised by the pushes of the current round' })
  warnings: SubmissionWarning[];
  @Field(() => [FigureChange], {
    description: 'Differences from the previous submission of the period (empty for a first submission)',
  })
  changes: FigureChange[];
  @Field(() => [SubmissionEvent], { description: 'Every transition, oldest first' }) events: SubmissionEvent[];
  organizationId: string;
}
