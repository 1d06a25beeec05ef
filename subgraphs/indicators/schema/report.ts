import type { Period } from '../../../lib/period';
import { PeriodScalar } from '../../../lib/scalars';
/** The reporting page's types: what an organisation owes, drafts of a period's report, receipts of submitted ones. */
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { FigureInput, FigureStatus, ImportSummary } from './figure';
import { Indicator, Organization } from './indicator';

export enum ObligationState {
  REPORTED = 'REPORTED',
  OVERDUE = 'OVERDUE',
  DUE = 'DUE',
  COMING = 'COMING',
}
registerEnumType(ObligationState, {
  name: 'ObligationState',
  valuesConfig: {
    REPORTED: { description: 'Reported by the as-of day' },
    OVERDUE: { description: 'Not reported, and its due day has passed' },
    DUE: { description: 'The period has ended and its due day has not passed' },
    COMING: { description: 'The period is still running' },
  },
});

@ObjectType({ description: 'A period of an indicator an organisation must report, by the reporting calendar' })
export class Obligation {
  @Field(() => Indicator, { nullable: true }) indicator?: Indicator | null;
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field() period: string;
  @Field({ description: 'First day of the period' }) periodStart: string;
  @Field({ description: 'Last day of the period' }) periodEnd: string;
  @Field({ description: 'Last day a report is on time (YYYY-MM-DD)' }) due: string;
  @Field(() => Int, { description: 'Days from the as-of day to the due day; negative when overdue' }) daysLeft: number;
  @Field(() => ObligationState) state: ObligationState;
  @Field(() => String, { nullable: true, description: 'When its total was first recorded' }) firstReportedAt: string | null;
  indicatorId: string;
}

@ObjectType({ description: "A period's report as far as it was filled in, kept for the organisation" })
export class ReportDraft {
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field() period: string;
  @Field({ description: 'The form as the page saved it (JSON text)' }) content: string;
  @Field({ description: 'Subject of the token that saved it' }) savedBy: string;
  @Field() savedAt: string;
}

@ObjectType({ description: 'One figure of a submitted report, as submitted' })
export class ReceiptFigure {
  @Field() indicator: string;
  @Field() breakdown: string;
  @Field(() => Float, { nullable: true }) value: number | null;
  @Field(() => Float, { nullable: true }) numerator: number | null;
  @Field(() => Float, { nullable: true }) denominator: number | null;
  @Field(() => FigureStatus) status: FigureStatus;
  @Field(() => String, { nullable: true }) explanation: string | null;
}

@ObjectType({ description: 'The receipt of a submitted report: who submitted what, when, and what it changed' })
export class Receipt {
  @Field(() => ID) id: string;
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field() period: string;
  @Field({ description: 'Subject of the token that submitted it' }) submittedBy: string;
  @Field(() => Organization, { nullable: true }) submittedByOrganization: Organization;
  @Field() submittedAt: string;
  @Field(() => Int) created: number;
  @Field(() => Int) updated: number;
  @Field(() => Int) unchanged: number;
  @Field(() => [ReceiptFigure]) figures: ReceiptFigure[];
}

@InputType({ description: "One period's report of an organisation: every figure lands, or none" })
export class SubmitReportInput {
  @Field(() => PeriodScalar, { description: 'The period every figure is for' }) period: Period;
  @Field(() => String, { nullable: true, description: "Organisation (id, name or alias); default the caller's" })
  organization?: string | null;
  @Field(() => [FigureInput]) figures: FigureInput[];
  @Field({ description: 'The same key again returns the first receipt and writes nothing' }) idempotencyKey: string;
}

@ObjectType({ description: 'What a submission did: the push summary, and the receipt when everything landed' })
export class SubmitReportResult {
  @Field(() => ImportSummary) summary: ImportSummary;
  @Field(() => Receipt, { nullable: true, description: 'null when a row was rejected (then nothing was written)' })
  receipt: Receipt | null;
}
