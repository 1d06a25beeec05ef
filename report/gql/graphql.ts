/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** One figure to record */
export type FigureInput = {
  /** Indicator id or name */
  indicator: string;
  /** 2025, 2025H1, 2025Q3 or 2025-07 */
  period: string;
  /** Required unless withdrawing or giving numerator and denominator */
  value?: number | null | undefined;
  numerator?: number | null | undefined;
  denominator?: number | null | undefined;
  /** e.g. a district; omitted for the total */
  breakdown?: string | null | undefined;
  /** PROVISIONAL for a new figure when omitted; a correction keeps the status of the figure it corrects */
  status?: FigureStatus | null | undefined;
  /** Quality flags (ESTIMATED, BREAK_IN_SERIES, …); none when omitted */
  flags?: Array<QualityFlag> | null | undefined;
  /** The day it was originally reported, YYYY-MM-DD: coordinators and admins loading history; not in the future */
  reportedOn?: string | null | undefined;
  note?: string | null | undefined;
  source?: string | null | undefined;
  /** Required to correct a FINAL figure and to withdraw */
  reason?: string | null | undefined;
  /** Why the figure is right although it raises a warning (IMPLAUSIBLE_JUMP …); stored with the revision */
  explanation?: string | null | undefined;
  /** Withdraw the current value (a revision without a value) */
  withdraw?: boolean | null | undefined;
  /** Organisation reported for (id, name or alias); default the caller's. Coordinators and admins only. */
  organization?: string | null | undefined;
};

/** A figure's lifecycle; its quality is told apart by QualityFlag */
export type FigureStatus =
  /** Reported, may still change (the default; the only status of a period in progress) */
  | 'PROVISIONAL'
  /** Confirmed; every correction needs a reason, and it stays FINAL unless the push states otherwise */
  | 'FINAL';

export type ObligationState =
  /** Reported by the as-of day */
  | 'REPORTED'
  /** Not reported, and its due day has passed */
  | 'OVERDUE'
  /** The period has ended and its due day has not passed */
  | 'DUE'
  /** The period is still running */
  | 'COMING';

export type PushFiguresInput = {
  figures: Array<FigureInput>;
  /** Check and count, write nothing */
  dryRun?: boolean | null | undefined;
  /** Write nothing if any row is rejected */
  atomic?: boolean | null | undefined;
  /** The same key again (from the same organisation) returns the first summary and writes nothing */
  idempotencyKey?: string | null | undefined;
  /** Reject (EXPLANATION_REQUIRED, field explanation) a row that raises a warning without an explanation */
  requireExplanations?: boolean | null | undefined;
};

/** How a figure was obtained, apart from its status; each is an SDMX OBS_STATUS code */
export type QualityFlag =
  /** SDMX OBS_STATUS E */
  | 'ESTIMATED'
  /** SDMX OBS_STATUS B */
  | 'BREAK_IN_SERIES'
  /** SDMX OBS_STATUS F */
  | 'FORECAST'
  /** SDMX OBS_STATUS I */
  | 'IMPUTED'
  /** SDMX OBS_STATUS U */
  | 'LOW_RELIABILITY'
  /** SDMX OBS_STATUS D */
  | 'DEFINITION_DIFFERS';

/** Narrows the review queue (still oldest first); every part given must hold */
export type ReviewFilter = {
  /** The organisation: id, name or alias (NOT_FOUND when none) */
  organization?: string | null | undefined;
  /** The period, e.g. 2025Q4 */
  period?: string | null | undefined;
  /** Only these states: for a coordinator SUBMITTED (no first level) or APPROVED (approved by the organisation's approver) */
  states?: Array<SubmissionState> | null | undefined;
  /** true: only those whose round raised warnings; false: only those without */
  hasWarnings?: boolean | null | undefined;
  /** Text in the organisation (part of its id, name, English name or an alias) or in one of its indicators (id or name) */
  search?: string | null | undefined;
};

/** How figures of shorter periods combine into a longer one */
export type Rollup =
  /** Flows: the sum of the periods */
  | 'SUM'
  /** Stocks and levels: the latest period */
  | 'LAST'
  /** The mean of the periods */
  | 'AVERAGE'
  /** Rates: the sum of numerators over the sum of denominators */
  | 'RATIO';

export type SubmissionState =
  /** Waiting for review (for the approver first when the organisation has a first level) */
  | 'SUBMITTED'
  /** Approved by the organisation's approver: waiting for the coordinator */
  | 'APPROVED'
  /** Accepted by the coordinator: its figures are FINAL and closed to edits until reopened */
  | 'ACCEPTED'
  /** Returned with a comment: the organisation corrects and pushes again */
  | 'RETURNED';

/** One period's report of an organisation: every figure lands, or none */
export type SubmitReportInput = {
  /** The period every figure is for */
  period: string;
  /** Organisation (id, name or alias); default the caller's */
  organization?: string | null | undefined;
  figures: Array<FigureInput>;
  /** The same key again returns the first receipt and writes nothing */
  idempotencyKey: string;
};

export type RejectionFieldsFragment = { index: number, field: string, code: string, message: string };

export type ReceiptFieldsFragment = { id: string, period: string, submittedBy: string, submittedAt: string, created: number, updated: number, unchanged: number, organization: { id: string, name: string, nameEn: string } | null, submittedByOrganization: { name: string } | null, figures: Array<{ indicator: string, breakdown: string, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, explanation: string | null }> };

export type SubmissionFieldsFragment = { id: string, period: string, state: SubmissionState, round: number, comment: string | null, submittedBy: string, submittedAt: string, organization: { id: string, name: string, nameEn: string } | null, reopenRequest: { reason: string, requestedBy: string, requestedAt: string } | null };

export type ReportViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportViewerQuery = { viewer: { subject: string, roles: Array<string>, organization: { id: string, name: string, nameEn: string } | null } | null };

export type ReportObligationsQueryVariables = Exact<{
  asOf?: string | null | undefined;
}>;


export type ReportObligationsQuery = { obligations: Array<{ period: string, periodStart: string, periodEnd: string, due: string, daysLeft: number, state: ObligationState, indicator: { id: string, name: string, nameEn: string, unit: string, unitEn: string, rollup: Rollup, minValue: number | null, maxValue: number | null, integerOnly: boolean, series: Array<{ period: string, value: number }> } | null }> | null };

export type ReportPreviousQueryVariables = Exact<{
  org: string | number;
  from: string;
  to: string;
}>;


export type ReportPreviousQuery = { indicators: Array<{ id: string, figures: Array<{ period: string, breakdown: string, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, flags: Array<QualityFlag>, note: string | null, source: string | null, explanation: string | null }> }> | null };

export type ReportDraftQueryVariables = Exact<{
  period: string;
}>;


export type ReportDraftQuery = { draft: { content: string, savedBy: string, savedAt: string } | null };

export type ReportSaveDraftMutationVariables = Exact<{
  period: string;
  content: string;
}>;


export type ReportSaveDraftMutation = { saveDraft: { savedBy: string, savedAt: string } };

export type ReportCheckMutationVariables = Exact<{
  input: PushFiguresInput;
}>;


export type ReportCheckMutation = { pushFigures: { rejections: Array<{ index: number, field: string, code: string, message: string }>, warnings: Array<{ index: number, code: string, message: string }> } };

export type ReportSubmitMutationVariables = Exact<{
  input: SubmitReportInput;
}>;


export type ReportSubmitMutation = { submitReport: { summary: { rejected: number, rejections: Array<{ index: number, field: string, code: string, message: string }> }, receipt: { id: string, period: string, submittedBy: string, submittedAt: string, created: number, updated: number, unchanged: number, organization: { id: string, name: string, nameEn: string } | null, submittedByOrganization: { name: string } | null, figures: Array<{ indicator: string, breakdown: string, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, explanation: string | null }> } | null } };

export type ReportReceiptQueryVariables = Exact<{
  id: string;
}>;


export type ReportReceiptQuery = { receipt: { id: string, period: string, submittedBy: string, submittedAt: string, created: number, updated: number, unchanged: number, organization: { id: string, name: string, nameEn: string } | null, submittedByOrganization: { name: string } | null, figures: Array<{ indicator: string, breakdown: string, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, explanation: string | null }> } | null };

export type ReportOrganizationsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportOrganizationsQuery = { organizations: Array<{ id: string, name: string, nameEn: string }> | null };

export type ReportPersonalTokensQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportPersonalTokensQuery = { personalTokens: Array<{ id: string, holder: string, role: string, issuedAt: string, expiresAt: string, lastUsedAt: string | null, revokedAt: string | null, organization: { id: string, name: string } | null }> | null };

export type ReportIssueTokenMutationVariables = Exact<{
  holder: string;
  organization: string;
  role: string;
  days: number;
}>;


export type ReportIssueTokenMutation = { issuePersonalToken: { token: string, personalToken: { id: string } } };

export type ReportRevokeTokenMutationVariables = Exact<{
  id: string;
}>;


export type ReportRevokeTokenMutation = { revokeToken: { tokenId: string } };

export type ReportReviewQueueQueryVariables = Exact<{
  filter?: ReviewFilter | null | undefined;
}>;


export type ReportReviewQueueQuery = { reviewQueue: Array<{ id: string, period: string, state: SubmissionState, round: number, comment: string | null, submittedBy: string, submittedAt: string, figures: Array<{ indicatorId: string, breakdown: string, value: number | null, numerator: number | null, denominator: number | null, status: FigureStatus, explanation: string | null, warningCodes: Array<string>, indicator: { name: string, nameEn: string, unit: string } | null }>, warnings: Array<{ indicatorId: string, breakdown: string, code: string, message: string }>, changes: Array<{ indicatorId: string, breakdown: string, previousValue: number | null, value: number | null }>, events: Array<{ action: string, actor: string, at: string, comment: string | null, changes: Array<{ indicatorId: string, breakdown: string, previousValue: number | null, value: number | null }> }>, organization: { id: string, name: string, nameEn: string } | null, reopenRequest: { reason: string, requestedBy: string, requestedAt: string } | null }> | null };

export type ReportOwnSubmissionsQueryVariables = Exact<{
  org?: string | null | undefined;
}>;


export type ReportOwnSubmissionsQuery = { submissions: Array<{ id: string, period: string, state: SubmissionState, round: number, comment: string | null, submittedBy: string, submittedAt: string, organization: { id: string, name: string, nameEn: string } | null, reopenRequest: { reason: string, requestedBy: string, requestedAt: string } | null }> | null };

export type ReportAcceptSubmissionMutationVariables = Exact<{
  id: string | number;
}>;


export type ReportAcceptSubmissionMutation = { acceptSubmission: { id: string, state: SubmissionState } };

export type ReportApproveSubmissionMutationVariables = Exact<{
  id: string | number;
}>;


export type ReportApproveSubmissionMutation = { approveSubmission: { id: string, state: SubmissionState } };

export type ReportReturnSubmissionMutationVariables = Exact<{
  id: string | number;
  comment: string;
}>;


export type ReportReturnSubmissionMutation = { returnSubmission: { id: string, state: SubmissionState, comment: string | null } };

export type ReportAskToReopenMutationVariables = Exact<{
  id: string | number;
  reason: string;
}>;


export type ReportAskToReopenMutation = { askToReopen: { id: string, period: string, state: SubmissionState, round: number, comment: string | null, submittedBy: string, submittedAt: string, organization: { id: string, name: string, nameEn: string } | null, reopenRequest: { reason: string, requestedBy: string, requestedAt: string } | null } };

export type ReportReopenRequestsQueryVariables = Exact<{ [key: string]: never; }>;


export type ReportReopenRequestsQuery = { submissions: Array<{ id: string, period: string, state: SubmissionState, round: number, comment: string | null, submittedBy: string, submittedAt: string, organization: { id: string, name: string, nameEn: string } | null, reopenRequest: { reason: string, requestedBy: string, requestedAt: string } | null }> | null };

export type ReportReopenSubmissionMutationVariables = Exact<{
  id: string | number;
  comment?: string | null | undefined;
}>;


export type ReportReopenSubmissionMutation = { reopenSubmission: { id: string, state: SubmissionState } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const RejectionFieldsFragmentDoc = new TypedDocumentString(`
    fragment RejectionFields on RowRejection {
  index
  field
  code
  message
}
    `, {"fragmentName":"RejectionFields"}) as unknown as TypedDocumentString<RejectionFieldsFragment, unknown>;
export const ReceiptFieldsFragmentDoc = new TypedDocumentString(`
    fragment ReceiptFields on Receipt {
  id
  period
  submittedBy
  submittedAt
  created
  updated
  unchanged
  organization {
    id
    name
    nameEn
  }
  submittedByOrganization {
    name
  }
  figures {
    indicator
    breakdown
    value
    numerator
    denominator
    status
    explanation
  }
}
    `, {"fragmentName":"ReceiptFields"}) as unknown as TypedDocumentString<ReceiptFieldsFragment, unknown>;
export const SubmissionFieldsFragmentDoc = new TypedDocumentString(`
    fragment SubmissionFields on Submission {
  id
  period
  state
  round
  comment
  submittedBy
  submittedAt
  organization {
    id
    name
    nameEn
  }
  reopenRequest {
    reason
    requestedBy
    requestedAt
  }
}
    `, {"fragmentName":"SubmissionFields"}) as unknown as TypedDocumentString<SubmissionFieldsFragment, unknown>;
export const ReportViewerDocument = new TypedDocumentString(`
    query ReportViewer {
  viewer {
    subject
    roles
    organization {
      id
      name
      nameEn
    }
  }
}
    `) as unknown as TypedDocumentString<ReportViewerQuery, ReportViewerQueryVariables>;
export const ReportObligationsDocument = new TypedDocumentString(`
    query ReportObligations($asOf: LocalDate) {
  obligations(asOf: $asOf) {
    period
    periodStart
    periodEnd
    due
    daysLeft
    state
    indicator {
      id
      name
      nameEn
      unit
      unitEn
      rollup
      minValue
      maxValue
      integerOnly
      series {
        period
        value
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReportObligationsQuery, ReportObligationsQueryVariables>;
export const ReportPreviousDocument = new TypedDocumentString(`
    query ReportPrevious($org: ID!, $from: Period!, $to: Period!) {
  indicators(filter: {ownerId: $org}) {
    id
    figures(from: $from, to: $to) {
      period
      breakdown
      value
      numerator
      denominator
      status
      flags
      note
      source
      explanation
    }
  }
}
    `) as unknown as TypedDocumentString<ReportPreviousQuery, ReportPreviousQueryVariables>;
export const ReportDraftDocument = new TypedDocumentString(`
    query ReportDraft($period: Period!) {
  draft(period: $period) {
    content
    savedBy
    savedAt
  }
}
    `) as unknown as TypedDocumentString<ReportDraftQuery, ReportDraftQueryVariables>;
export const ReportSaveDraftDocument = new TypedDocumentString(`
    mutation ReportSaveDraft($period: Period!, $content: String!) {
  saveDraft(period: $period, content: $content) {
    savedBy
    savedAt
  }
}
    `) as unknown as TypedDocumentString<ReportSaveDraftMutation, ReportSaveDraftMutationVariables>;
export const ReportCheckDocument = new TypedDocumentString(`
    mutation ReportCheck($input: PushFiguresInput!) {
  pushFigures(input: $input) {
    rejections {
      ...RejectionFields
    }
    warnings {
      index
      code
      message
    }
  }
}
    fragment RejectionFields on RowRejection {
  index
  field
  code
  message
}`) as unknown as TypedDocumentString<ReportCheckMutation, ReportCheckMutationVariables>;
export const ReportSubmitDocument = new TypedDocumentString(`
    mutation ReportSubmit($input: SubmitReportInput!) {
  submitReport(input: $input) {
    summary {
      rejected
      rejections {
        ...RejectionFields
      }
    }
    receipt {
      ...ReceiptFields
    }
  }
}
    fragment RejectionFields on RowRejection {
  index
  field
  code
  message
}
fragment ReceiptFields on Receipt {
  id
  period
  submittedBy
  submittedAt
  created
  updated
  unchanged
  organization {
    id
    name
    nameEn
  }
  submittedByOrganization {
    name
  }
  figures {
    indicator
    breakdown
    value
    numerator
    denominator
    status
    explanation
  }
}`) as unknown as TypedDocumentString<ReportSubmitMutation, ReportSubmitMutationVariables>;
export const ReportReceiptDocument = new TypedDocumentString(`
    query ReportReceipt($id: String!) {
  receipt(id: $id) {
    ...ReceiptFields
  }
}
    fragment ReceiptFields on Receipt {
  id
  period
  submittedBy
  submittedAt
  created
  updated
  unchanged
  organization {
    id
    name
    nameEn
  }
  submittedByOrganization {
    name
  }
  figures {
    indicator
    breakdown
    value
    numerator
    denominator
    status
    explanation
  }
}`) as unknown as TypedDocumentString<ReportReceiptQuery, ReportReceiptQueryVariables>;
export const ReportOrganizationsDocument = new TypedDocumentString(`
    query ReportOrganizations {
  organizations {
    id
    name
    nameEn
  }
}
    `) as unknown as TypedDocumentString<ReportOrganizationsQuery, ReportOrganizationsQueryVariables>;
export const ReportPersonalTokensDocument = new TypedDocumentString(`
    query ReportPersonalTokens {
  personalTokens {
    id
    holder
    role
    issuedAt
    expiresAt
    lastUsedAt
    revokedAt
    organization {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<ReportPersonalTokensQuery, ReportPersonalTokensQueryVariables>;
export const ReportIssueTokenDocument = new TypedDocumentString(`
    mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {
  issuePersonalToken(
    holder: $holder
    organization: $organization
    role: $role
    days: $days
  ) {
    token
    personalToken {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ReportIssueTokenMutation, ReportIssueTokenMutationVariables>;
export const ReportRevokeTokenDocument = new TypedDocumentString(`
    mutation ReportRevokeToken($id: String!) {
  revokeToken(tokenId: $id, reason: "revoked on /report") {
    tokenId
  }
}
    `) as unknown as TypedDocumentString<ReportRevokeTokenMutation, ReportRevokeTokenMutationVariables>;
export const ReportReviewQueueDocument = new TypedDocumentString(`
    query ReportReviewQueue($filter: ReviewFilter) {
  reviewQueue(filter: $filter) {
    ...SubmissionFields
    figures {
      indicatorId
      breakdown
      value
      numerator
      denominator
      status
      explanation
      warningCodes
      indicator {
        name
        nameEn
        unit
      }
    }
    warnings {
      indicatorId
      breakdown
      code
      message
    }
    changes {
      indicatorId
      breakdown
      previousValue
      value
    }
    events {
      action
      actor
      at
      comment
      changes {
        indicatorId
        breakdown
        previousValue
        value
      }
    }
  }
}
    fragment SubmissionFields on Submission {
  id
  period
  state
  round
  comment
  submittedBy
  submittedAt
  organization {
    id
    name
    nameEn
  }
  reopenRequest {
    reason
    requestedBy
    requestedAt
  }
}`) as unknown as TypedDocumentString<ReportReviewQueueQuery, ReportReviewQueueQueryVariables>;
export const ReportOwnSubmissionsDocument = new TypedDocumentString(`
    query ReportOwnSubmissions($org: String) {
  submissions(organization: $org) {
    ...SubmissionFields
  }
}
    fragment SubmissionFields on Submission {
  id
  period
  state
  round
  comment
  submittedBy
  submittedAt
  organization {
    id
    name
    nameEn
  }
  reopenRequest {
    reason
    requestedBy
    requestedAt
  }
}`) as unknown as TypedDocumentString<ReportOwnSubmissionsQuery, ReportOwnSubmissionsQueryVariables>;
export const ReportAcceptSubmissionDocument = new TypedDocumentString(`
    mutation ReportAcceptSubmission($id: ID!) {
  acceptSubmission(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<ReportAcceptSubmissionMutation, ReportAcceptSubmissionMutationVariables>;
export const ReportApproveSubmissionDocument = new TypedDocumentString(`
    mutation ReportApproveSubmission($id: ID!) {
  approveSubmission(id: $id) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<ReportApproveSubmissionMutation, ReportApproveSubmissionMutationVariables>;
export const ReportReturnSubmissionDocument = new TypedDocumentString(`
    mutation ReportReturnSubmission($id: ID!, $comment: String!) {
  returnSubmission(id: $id, comment: $comment) {
    id
    state
    comment
  }
}
    `) as unknown as TypedDocumentString<ReportReturnSubmissionMutation, ReportReturnSubmissionMutationVariables>;
export const ReportAskToReopenDocument = new TypedDocumentString(`
    mutation ReportAskToReopen($id: ID!, $reason: String!) {
  askToReopen(id: $id, reason: $reason) {
    ...SubmissionFields
  }
}
    fragment SubmissionFields on Submission {
  id
  period
  state
  round
  comment
  submittedBy
  submittedAt
  organization {
    id
    name
    nameEn
  }
  reopenRequest {
    reason
    requestedBy
    requestedAt
  }
}`) as unknown as TypedDocumentString<ReportAskToReopenMutation, ReportAskToReopenMutationVariables>;
export const ReportReopenRequestsDocument = new TypedDocumentString(`
    query ReportReopenRequests {
  submissions(reopenRequested: true) {
    ...SubmissionFields
  }
}
    fragment SubmissionFields on Submission {
  id
  period
  state
  round
  comment
  submittedBy
  submittedAt
  organization {
    id
    name
    nameEn
  }
  reopenRequest {
    reason
    requestedBy
    requestedAt
  }
}`) as unknown as TypedDocumentString<ReportReopenRequestsQuery, ReportReopenRequestsQueryVariables>;
export const ReportReopenSubmissionDocument = new TypedDocumentString(`
    mutation ReportReopenSubmission($id: ID!, $comment: String) {
  reopenSubmission(id: $id, comment: $comment) {
    id
    state
  }
}
    `) as unknown as TypedDocumentString<ReportReopenSubmissionMutation, ReportReopenSubmissionMutationVariables>;