import type { PeriodType } from '../../../lib/period';
import { PeriodTypeEnum } from './period-type';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import {
  FIGURE_STATUSES,
  OBS_STATUS,
  QUALITY_FLAGS,
  enumOf,
  type FigureStatus as FigureStatusName,
  type QualityFlag as QualityFlagValue,
} from '../../../lib/enums';
import { Organization } from './indicator';

export const FigureStatus = enumOf(FIGURE_STATUSES);
export type FigureStatus = FigureStatusName;
registerEnumType(FigureStatus, {
  name: 'FigureStatus',
  description: "A figure's lifecycle; its quality is told apart by QualityFlag",
  valuesConfig: {
    PROVISIONAL: { description: 'Reported, may still change (the default; the only status of a period in progress)' },
    FINAL: { description: 'Confirmed; every correction needs a reason, and it stays FINAL unless the push states otherwise' },
  },
});

/** Quality flags, each an SDMX OBS_STATUS code (lib/enums.ts maps them). */
const QualityFlag = enumOf(QUALITY_FLAGS);
registerEnumType(QualityFlag, {
  name: 'QualityFlag',
  description: 'How a figure was obtained, apart from its status; each is an SDMX OBS_STATUS code',
  valuesConfig: Object.fromEntries(QUALITY_FLAGS.map((f) => [f, { description: `SDMX OBS_STATUS ${OBS_STATUS[f]}` }])),
});

@ObjectType({ description: 'One recorded revision of a figure; nothing is ever deleted' })
export class FigureRevision {
  @Field(() => Int) revision: number;
  @Field(() => Float, { nullable: true, description: 'null when the revision withdraws the value' }) value: number | null;
  @Field(() => Float, { nullable: true }) numerator: number | null;
  @Field(() => Float, { nullable: true }) denominator: number | null;
  @Field(() => FigureStatus) status: FigureStatus;
  @Field(() => [QualityFlag], { description: 'Quality flags, apart from the status' }) flags: QualityFlagValue[];
  @Field(() => String, { nullable: true, description: 'The day it was originally reported, when loaded with history' })
  reportedOn: string | null;
  @Field() withdrawn: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, { nullable: true }) source: string | null;
  @Field(() => String, { nullable: true, description: 'Why the value was corrected or withdrawn' }) reason: string | null;
  @Field(() => String, { nullable: true, description: 'Why the figure is right although it raised the warnings below' })
  explanation: string | null;
  @Field(() => [String], { description: 'Codes of the warnings the figure raised when written (e.g. IMPLAUSIBLE_JUMP)' })
  warningCodes: string[];
  @Field(() => Organization, { nullable: true, description: 'The organisation the figure is reported for' })
  organization: Organization;
  @Field({ description: 'Subject of the token that recorded it' }) recordedBy: string;
  @Field(() => Organization, { nullable: true }) recordedByOrganization: Organization;
  @Field({ description: 'When it was recorded (ISO 8601)' }) recordedAt: string;
  organizationId: string;
  recordedByOrg: string;
}

@ObjectType({ description: 'The value of an indicator for one period (and breakdown), as it currently stands' })
export class Figure {
  @Field(() => ID, { description: 'indicator/period/breakdown' }) id: string;
  @Field() indicatorId: string;
  @Field({ description: '2025, 2025H1, 2025Q3 or 2025-07' }) period: string;
  @Field(() => PeriodTypeEnum) periodType: PeriodType;
  @Field({ description: 'First day of the period' }) periodStart: string;
  @Field({ description: 'Last day of the period' }) periodEnd: string;
  @Field({ description: 'Breakdown the figure is for (e.g. a district); "" for the total' }) breakdown: string;
  @Field(() => Int, { description: 'Number of the current revision' }) revision: number;
  @Field(() => Float, { nullable: true, description: 'null when withdrawn' }) value: number | null;
  @Field(() => Float, { nullable: true, description: 'For rates: the count the rate is of' }) numerator: number | null;
  @Field(() => Float, { nullable: true, description: 'For rates: the count the rate is out of' }) denominator: number | null;
  @Field(() => FigureStatus) status: FigureStatus;
  @Field(() => [QualityFlag], { description: 'Quality flags, apart from the status' }) flags: QualityFlagValue[];
  @Field(() => String, { nullable: true, description: 'The day it was originally reported, when loaded with history' })
  reportedOn: string | null;
  @Field() withdrawn: boolean;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field(() => String, { nullable: true, description: 'Where the figure comes from; "demo" marks synthetic data' })
  source: string | null;
  @Field(() => String, { nullable: true, description: "The current revision's explanation of its warnings" })
  explanation: string | null;
  @Field(() => [String], { description: 'Codes of the warnings the current revision raised when written' })
  warningCodes: string[];
  @Field(() => Organization, { nullable: true }) organization: Organization;
  @Field() recordedBy: string;
  @Field() recordedAt: string;
  seriesId: string;
  organizationId: string;
}

/*
 * The push's inputs declare their fields (`declare`, no class fields): type-graphql copies
 * each coerced figure into an instance with Object.assign, and an instance without fields of
 * its own takes the copy as it is, instead of deleting every field the figure leaves out
 * (which turns each of a batch's figures into a slow dictionary-mode object).
 */
@InputType({ description: 'One figure to record' })
export class FigureInput {
  @Field({ description: 'Indicator id or name' }) declare indicator: string;
  @Field({ description: '2025, 2025H1, 2025Q3 or 2025-07' }) declare period: string;
  @Field(() => Float, { nullable: true, description: 'Required unless withdrawing or giving numerator and denominator' })
  declare value?: number | null;
  @Field(() => Float, { nullable: true }) declare numerator?: number | null;
  @Field(() => Float, { nullable: true }) declare denominator?: number | null;
  @Field(() => String, { nullable: true, description: 'e.g. a district; omitted for the total' }) declare breakdown?:
    string | null;
  @Field(() => FigureStatus, {
    nullable: true,
    description: 'PROVISIONAL for a new figure when omitted; a correction keeps the status of the figure it corrects',
  })
  declare status?: FigureStatus | null;
  @Field(() => [QualityFlag], { nullable: true, description: 'Quality flags (ESTIMATED, BREAK_IN_SERIES, …); none when omitted' })
  declare flags?: QualityFlagValue[] | null;
  @Field(() => String, {
    nullable: true,
    description: 'The day it was originally reported, YYYY-MM-DD: coordinators and admins loading history; not in the future',
  })
  declare reportedOn?: string | null;
  @Field(() => String, { nullable: true }) declare note?: string | null;
  @Field(() => String, { nullable: true }) declare source?: string | null;
  @Field(() => String, { nullable: true, description: 'Required to correct a FINAL figure and to withdraw' })
  declare reason?: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'Why the figure is right although it raises a warning (IMPLAUSIBLE_JUMP …); stored with the revision',
  })
  declare explanation?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Withdraw the current value (a revision without a value)' })
  declare withdraw?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: "Organisation reported for (id, name or alias); default the caller's. Coordinators and admins only.",
  })
  declare organization?: string | null;
}

@InputType()
export class PushFiguresInput {
  @Field(() => [FigureInput]) declare figures: FigureInput[];
  @Field(() => Boolean, { nullable: true, description: 'Check and count, write nothing' }) declare dryRun?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Write nothing if any row is rejected' }) declare atomic?: boolean | null;
  @Field(() => String, {
    nullable: true,
    description: 'The same key again (from the same organisation) returns the first summary and writes nothing',
  })
  declare idempotencyKey?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Reject (EXPLANATION_REQUIRED, field explanation) a row that raises a warning without an explanation',
  })
  declare requireExplanations?: boolean | null;
}

@ObjectType({ description: 'A row that did not land' })
export class RowRejection {
  @Field(() => Int, { description: 'Index of the row in the batch, from 0' }) index: number;
  @Field({ description: 'Input field at fault' }) field: string;
  @Field({ description: 'Stable code: BAD_USER_INPUT, NOT_FOUND, PERIOD_LOCKED, CONFLICT, FORBIDDEN, EXPLANATION_REQUIRED' })
  code: string;
  @Field() message: string;
}

@ObjectType({ description: 'A row that landed but deserves a look' })
export class RowWarning {
  @Field(() => Int) index: number;
  @Field({ description: 'e.g. IMPLAUSIBLE_JUMP' }) code: string;
  @Field() message: string;
}

@ObjectType({ description: 'The warnings of one code for one indicator and period: how many, and the first rows' })
export class WarningGroup {
  @Field({ description: 'e.g. IMPLAUSIBLE_JUMP, RECONCILIATION' }) code: string;
  @Field({ description: 'The indicator as the rows give it (id or name)' }) indicator: string;
  @Field() period: string;
  @Field(() => Int) count: number;
  @Field(() => [Int], { description: 'Rows (from 0) of its first warnings, in order, at most `examples`' }) indexes: number[];
  @Field({ description: "The first warning's message" }) message: string;
}

@ObjectType({ description: 'What a push did, row by row' })
export class ImportSummary {
  @Field(() => String, { nullable: true }) idempotencyKey: string | null;
  @Field({ description: 'True when this is the stored summary of an earlier push with the same key' }) replayed: boolean;
  @Field() dryRun: boolean;
  @Field() atomic: boolean;
  @Field(() => Int) received: number;
  @Field(() => Int, { description: 'New figures' }) created: number;
  @Field(() => Int, { description: 'New revisions of existing figures (corrections and withdrawals)' }) updated: number;
  @Field(() => Int, { description: 'Rows equal to the current revision: nothing written' }) unchanged: number;
  @Field(() => Int) rejected: number;
  @Field(() => Int, { description: 'Valid rows not written because the push is atomic and another row was rejected' })
  skipped: number;
  @Field(() => [RowRejection]) rejections: RowRejection[];
  @Field(() => [RowWarning]) warnings: RowWarning[];
}

@ObjectType({ description: 'A locked period: writes into it answer PERIOD_LOCKED' })
export class PeriodLock {
  @Field(() => ID) id: string;
  @Field(() => String, { nullable: true, description: 'null: the lock holds for every indicator' }) indicatorId: string | null;
  @Field() period: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() lockedBy: string;
  @Field(() => Organization, { nullable: true }) lockedByOrganization: Organization;
  @Field() lockedAt: string;
  lockedByOrg: string;
}

@ObjectType({ description: 'A lock or unlock, as audited' })
export class PeriodLockEvent {
  @Field() action: string;
  @Field(() => String, { nullable: true }) indicatorId: string | null;
  @Field() period: string;
  @Field(() => String, { nullable: true }) reason: string | null;
  @Field() actor: string;
  @Field(() => Organization, { nullable: true }) actorOrganization: Organization;
  @Field() at: string;
  actorOrg: string;
}
