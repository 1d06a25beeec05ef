import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Period } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
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

@InputType({ description: 'Narrows the review queue (still oldest first); every part given must hold' })
export class ReviewFilter {
  @Field(() => String, { nullable: true, description: 'The organisation: id, name or alias (NOT_FOUND when none)' })
  organization?: string | null;
  @Field(() => PeriodScalar, { nullable: true, description: 'The period, e.g. 2025Q4' }) period?: Period | null;
  @Field(() => [SubmissionState], {
    nullable: true,
    description:
      "Only these states: for a coordinator SUBMITTED (no first level) or APPROVED (approved by the organisation's approver)",
  })
  states?: SubmissionState[] | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'true: only those whose round raised warnings; false: only those without',
  })
  hasWarnings?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description:
      'Text in the organisation (part of its id, name, English name or an alias) or in one of its indicators (id or name)',
  })
  search?: string | null;
}

@ObjectType({ description: 'A figure that differs from the previous submission (as it stood when returned or accepted)' })
export class FigureChange {
  @Field() indicatorId: string;
  @Field() breakdown: string;
  @Field(() => Float, { nullable: true, description: 'null: no value before (new or withdrawn)' }) previousValue: number | null;
  @Field(() => Float, { nullable: true, description: 'null: no value now (withdrawn)' }) value: number | null;
}

@ObjectType({ description: 'A transition of a submission, as audited' })
export class SubmissionEvent {
  @Field({ description: 'SUBMIT, APPROVE, ACCEPT, RETURN, REOPEN, or CHANGE (a push into it while it waited for review)' })
  action: string;
  @Field(() => SubmissionState, { description: 'The state it led to' }) state: SubmissionState;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field({ description: 'Subject of the token that took it' }) actor: string;
  @Field(() => Organization, { nullable: true }) actorOrganization: Organization | null;
  @Field() at: string;
  @Field(() => [FigureChange], { description: 'For a CHANGE: each figure the push wrote, previous value → new value' })
  changes: FigureChange[];
}

@ObjectType({ description: 'A warning a push raised on a figure of the submission (e.g. IMPLAUSIBLE_JUMP)' })
export class SubmissionWarning {
  @Field() indicatorId: string;
  @Field() breakdown: string;
  @Field() code: string;
  @Field() message: string;
  @Field() at: string;
}

@ObjectType({ description: "An organisation's request that its accepted or approved submission be reopened" })
export class ReopenRequest {
  @Field({ description: 'Why, in the words of who asked' }) reason: string;
  @Field({ description: 'Subject of the token that asked' }) requestedBy: string;
  @Field() requestedAt: string;
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
  @Field(() => ReopenRequest, {
    nullable: true,
    description: 'The organisation asks for it to be reopened (askToReopen); cleared once reopened or returned',
  })
  reopenRequest: ReopenRequest | null;
  organizationId: string;
}
