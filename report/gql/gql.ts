/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment RejectionFields on RowRejection {\n    index\n    field\n    code\n    message\n  }\n": typeof types.RejectionFieldsFragmentDoc,
    "\n  fragment ReceiptFields on Receipt {\n    id\n    period\n    submittedBy\n    submittedAt\n    created\n    updated\n    unchanged\n    organization {\n      id\n      name\n      nameEn\n    }\n    submittedByOrganization {\n      name\n    }\n    figures {\n      indicator\n      breakdown\n      value\n      numerator\n      denominator\n      status\n      explanation\n    }\n  }\n": typeof types.ReceiptFieldsFragmentDoc,
    "\n  fragment SubmissionFields on Submission {\n    id\n    period\n    state\n    round\n    comment\n    submittedBy\n    submittedAt\n    organization {\n      id\n      name\n      nameEn\n    }\n    reopenRequest {\n      reason\n      requestedBy\n      requestedAt\n    }\n  }\n": typeof types.SubmissionFieldsFragmentDoc,
    "\n  query ReportViewer {\n    viewer {\n      subject\n      roles\n      organization {\n        id\n        name\n        nameEn\n      }\n    }\n  }\n": typeof types.ReportViewerDocument,
    "\n  query ReportObligations($asOf: LocalDate) {\n    obligations(asOf: $asOf) {\n      period\n      periodStart\n      periodEnd\n      due\n      daysLeft\n      state\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        unitEn\n        rollup\n        minValue\n        maxValue\n        integerOnly\n        series {\n          period\n          value\n        }\n      }\n    }\n  }\n": typeof types.ReportObligationsDocument,
    "\n  query ReportPrevious($org: ID!, $from: Period!, $to: Period!) {\n    indicators(filter: { ownerId: $org }) {\n      id\n      figures(from: $from, to: $to) {\n        period\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        flags\n        note\n        source\n        explanation\n      }\n    }\n  }\n": typeof types.ReportPreviousDocument,
    "\n  query ReportDraft($period: Period!) {\n    draft(period: $period) {\n      content\n      savedBy\n      savedAt\n    }\n  }\n": typeof types.ReportDraftDocument,
    "\n  mutation ReportSaveDraft($period: Period!, $content: String!) {\n    saveDraft(period: $period, content: $content) {\n      savedBy\n      savedAt\n    }\n  }\n": typeof types.ReportSaveDraftDocument,
    "\n  mutation ReportCheck($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      rejections {\n        ...RejectionFields\n      }\n      warnings {\n        index\n        code\n        message\n      }\n    }\n  }\n": typeof types.ReportCheckDocument,
    "\n  mutation ReportSubmit($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        rejected\n        rejections {\n          ...RejectionFields\n        }\n      }\n      receipt {\n        ...ReceiptFields\n      }\n    }\n  }\n": typeof types.ReportSubmitDocument,
    "\n  query ReportReceipt($id: String!) {\n    receipt(id: $id) {\n      ...ReceiptFields\n    }\n  }\n": typeof types.ReportReceiptDocument,
    "\n  query ReportOrganizations {\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": typeof types.ReportOrganizationsDocument,
    "\n  query ReportPersonalTokens {\n    personalTokens {\n      id\n      holder\n      role\n      issuedAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      organization {\n        id\n        name\n      }\n    }\n  }\n": typeof types.ReportPersonalTokensDocument,
    "\n  mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {\n    issuePersonalToken(holder: $holder, organization: $organization, role: $role, days: $days) {\n      token\n      personalToken {\n        id\n      }\n    }\n  }\n": typeof types.ReportIssueTokenDocument,
    "\n  mutation ReportRevokeToken($id: String!) {\n    revokeToken(tokenId: $id, reason: \"revoked on /report\") {\n      tokenId\n    }\n  }\n": typeof types.ReportRevokeTokenDocument,
    "\n  query ReportReviewQueue($filter: ReviewFilter) {\n    reviewQueue(filter: $filter) {\n      ...SubmissionFields\n      figures {\n        indicatorId\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        explanation\n        warningCodes\n        indicator {\n          name\n          nameEn\n          unit\n        }\n      }\n      warnings {\n        indicatorId\n        breakdown\n        code\n        message\n      }\n      changes {\n        indicatorId\n        breakdown\n        previousValue\n        value\n      }\n      events {\n        action\n        actor\n        at\n        comment\n        changes {\n          indicatorId\n          breakdown\n          previousValue\n          value\n        }\n      }\n    }\n  }\n": typeof types.ReportReviewQueueDocument,
    "\n  query ReportOwnSubmissions($org: String) {\n    submissions(organization: $org) {\n      ...SubmissionFields\n    }\n  }\n": typeof types.ReportOwnSubmissionsDocument,
    "\n  mutation ReportAcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.ReportAcceptSubmissionDocument,
    "\n  mutation ReportApproveSubmission($id: ID!) {\n    approveSubmission(id: $id) {\n      id\n      state\n    }\n  }\n": typeof types.ReportApproveSubmissionDocument,
    "\n  mutation ReportReturnSubmission($id: ID!, $comment: String!) {\n    returnSubmission(id: $id, comment: $comment) {\n      id\n      state\n      comment\n    }\n  }\n": typeof types.ReportReturnSubmissionDocument,
    "\n  mutation ReportAskToReopen($id: ID!, $reason: String!) {\n    askToReopen(id: $id, reason: $reason) {\n      ...SubmissionFields\n    }\n  }\n": typeof types.ReportAskToReopenDocument,
    "\n  query ReportReopenRequests {\n    submissions(reopenRequested: true) {\n      ...SubmissionFields\n    }\n  }\n": typeof types.ReportReopenRequestsDocument,
    "\n  mutation ReportReopenSubmission($id: ID!, $comment: String) {\n    reopenSubmission(id: $id, comment: $comment) {\n      id\n      state\n    }\n  }\n": typeof types.ReportReopenSubmissionDocument,
};
const documents: Documents = {
    "\n  fragment RejectionFields on RowRejection {\n    index\n    field\n    code\n    message\n  }\n": types.RejectionFieldsFragmentDoc,
    "\n  fragment ReceiptFields on Receipt {\n    id\n    period\n    submittedBy\n    submittedAt\n    created\n    updated\n    unchanged\n    organization {\n      id\n      name\n      nameEn\n    }\n    submittedByOrganization {\n      name\n    }\n    figures {\n      indicator\n      breakdown\n      value\n      numerator\n      denominator\n      status\n      explanation\n    }\n  }\n": types.ReceiptFieldsFragmentDoc,
    "\n  fragment SubmissionFields on Submission {\n    id\n    period\n    state\n    round\n    comment\n    submittedBy\n    submittedAt\n    organization {\n      id\n      name\n      nameEn\n    }\n    reopenRequest {\n      reason\n      requestedBy\n      requestedAt\n    }\n  }\n": types.SubmissionFieldsFragmentDoc,
    "\n  query ReportViewer {\n    viewer {\n      subject\n      roles\n      organization {\n        id\n        name\n        nameEn\n      }\n    }\n  }\n": types.ReportViewerDocument,
    "\n  query ReportObligations($asOf: LocalDate) {\n    obligations(asOf: $asOf) {\n      period\n      periodStart\n      periodEnd\n      due\n      daysLeft\n      state\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        unitEn\n        rollup\n        minValue\n        maxValue\n        integerOnly\n        series {\n          period\n          value\n        }\n      }\n    }\n  }\n": types.ReportObligationsDocument,
    "\n  query ReportPrevious($org: ID!, $from: Period!, $to: Period!) {\n    indicators(filter: { ownerId: $org }) {\n      id\n      figures(from: $from, to: $to) {\n        period\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        flags\n        note\n        source\n        explanation\n      }\n    }\n  }\n": types.ReportPreviousDocument,
    "\n  query ReportDraft($period: Period!) {\n    draft(period: $period) {\n      content\n      savedBy\n      savedAt\n    }\n  }\n": types.ReportDraftDocument,
    "\n  mutation ReportSaveDraft($period: Period!, $content: String!) {\n    saveDraft(period: $period, content: $content) {\n      savedBy\n      savedAt\n    }\n  }\n": types.ReportSaveDraftDocument,
    "\n  mutation ReportCheck($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      rejections {\n        ...RejectionFields\n      }\n      warnings {\n        index\n        code\n        message\n      }\n    }\n  }\n": types.ReportCheckDocument,
    "\n  mutation ReportSubmit($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        rejected\n        rejections {\n          ...RejectionFields\n        }\n      }\n      receipt {\n        ...ReceiptFields\n      }\n    }\n  }\n": types.ReportSubmitDocument,
    "\n  query ReportReceipt($id: String!) {\n    receipt(id: $id) {\n      ...ReceiptFields\n    }\n  }\n": types.ReportReceiptDocument,
    "\n  query ReportOrganizations {\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": types.ReportOrganizationsDocument,
    "\n  query ReportPersonalTokens {\n    personalTokens {\n      id\n      holder\n      role\n      issuedAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      organization {\n        id\n        name\n      }\n    }\n  }\n": types.ReportPersonalTokensDocument,
    "\n  mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {\n    issuePersonalToken(holder: $holder, organization: $organization, role: $role, days: $days) {\n      token\n      personalToken {\n        id\n      }\n    }\n  }\n": types.ReportIssueTokenDocument,
    "\n  mutation ReportRevokeToken($id: String!) {\n    revokeToken(tokenId: $id, reason: \"revoked on /report\") {\n      tokenId\n    }\n  }\n": types.ReportRevokeTokenDocument,
    "\n  query ReportReviewQueue($filter: ReviewFilter) {\n    reviewQueue(filter: $filter) {\n      ...SubmissionFields\n      figures {\n        indicatorId\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        explanation\n        warningCodes\n        indicator {\n          name\n          nameEn\n          unit\n        }\n      }\n      warnings {\n        indicatorId\n        breakdown\n        code\n        message\n      }\n      changes {\n        indicatorId\n        breakdown\n        previousValue\n        value\n      }\n      events {\n        action\n        actor\n        at\n        comment\n        changes {\n          indicatorId\n          breakdown\n          previousValue\n          value\n        }\n      }\n    }\n  }\n": types.ReportReviewQueueDocument,
    "\n  query ReportOwnSubmissions($org: String) {\n    submissions(organization: $org) {\n      ...SubmissionFields\n    }\n  }\n": types.ReportOwnSubmissionsDocument,
    "\n  mutation ReportAcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      state\n    }\n  }\n": types.ReportAcceptSubmissionDocument,
    "\n  mutation ReportApproveSubmission($id: ID!) {\n    approveSubmission(id: $id) {\n      id\n      state\n    }\n  }\n": types.ReportApproveSubmissionDocument,
    "\n  mutation ReportReturnSubmission($id: ID!, $comment: String!) {\n    returnSubmission(id: $id, comment: $comment) {\n      id\n      state\n      comment\n    }\n  }\n": types.ReportReturnSubmissionDocument,
    "\n  mutation ReportAskToReopen($id: ID!, $reason: String!) {\n    askToReopen(id: $id, reason: $reason) {\n      ...SubmissionFields\n    }\n  }\n": types.ReportAskToReopenDocument,
    "\n  query ReportReopenRequests {\n    submissions(reopenRequested: true) {\n      ...SubmissionFields\n    }\n  }\n": types.ReportReopenRequestsDocument,
    "\n  mutation ReportReopenSubmission($id: ID!, $comment: String) {\n    reopenSubmission(id: $id, comment: $comment) {\n      id\n      state\n    }\n  }\n": types.ReportReopenSubmissionDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RejectionFields on RowRejection {\n    index\n    field\n    code\n    message\n  }\n"): typeof import('./graphql').RejectionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReceiptFields on Receipt {\n    id\n    period\n    submittedBy\n    submittedAt\n    created\n    updated\n    unchanged\n    organization {\n      id\n      name\n      nameEn\n    }\n    submittedByOrganization {\n      name\n    }\n    figures {\n      indicator\n      breakdown\n      value\n      numerator\n      denominator\n      status\n      explanation\n    }\n  }\n"): typeof import('./graphql').ReceiptFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SubmissionFields on Submission {\n    id\n    period\n    state\n    round\n    comment\n    submittedBy\n    submittedAt\n    organization {\n      id\n      name\n      nameEn\n    }\n    reopenRequest {\n      reason\n      requestedBy\n      requestedAt\n    }\n  }\n"): typeof import('./graphql').SubmissionFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportViewer {\n    viewer {\n      subject\n      roles\n      organization {\n        id\n        name\n        nameEn\n      }\n    }\n  }\n"): typeof import('./graphql').ReportViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportObligations($asOf: LocalDate) {\n    obligations(asOf: $asOf) {\n      period\n      periodStart\n      periodEnd\n      due\n      daysLeft\n      state\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        unitEn\n        rollup\n        minValue\n        maxValue\n        integerOnly\n        series {\n          period\n          value\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReportObligationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportPrevious($org: ID!, $from: Period!, $to: Period!) {\n    indicators(filter: { ownerId: $org }) {\n      id\n      figures(from: $from, to: $to) {\n        period\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        flags\n        note\n        source\n        explanation\n      }\n    }\n  }\n"): typeof import('./graphql').ReportPreviousDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportDraft($period: Period!) {\n    draft(period: $period) {\n      content\n      savedBy\n      savedAt\n    }\n  }\n"): typeof import('./graphql').ReportDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportSaveDraft($period: Period!, $content: String!) {\n    saveDraft(period: $period, content: $content) {\n      savedBy\n      savedAt\n    }\n  }\n"): typeof import('./graphql').ReportSaveDraftDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportCheck($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      rejections {\n        ...RejectionFields\n      }\n      warnings {\n        index\n        code\n        message\n      }\n    }\n  }\n"): typeof import('./graphql').ReportCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportSubmit($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        rejected\n        rejections {\n          ...RejectionFields\n        }\n      }\n      receipt {\n        ...ReceiptFields\n      }\n    }\n  }\n"): typeof import('./graphql').ReportSubmitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportReceipt($id: String!) {\n    receipt(id: $id) {\n      ...ReceiptFields\n    }\n  }\n"): typeof import('./graphql').ReportReceiptDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportOrganizations {\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n"): typeof import('./graphql').ReportOrganizationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportPersonalTokens {\n    personalTokens {\n      id\n      holder\n      role\n      issuedAt\n      expiresAt\n      lastUsedAt\n      revokedAt\n      organization {\n        id\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').ReportPersonalTokensDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {\n    issuePersonalToken(holder: $holder, organization: $organization, role: $role, days: $days) {\n      token\n      personalToken {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').ReportIssueTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportRevokeToken($id: String!) {\n    revokeToken(tokenId: $id, reason: \"revoked on /report\") {\n      tokenId\n    }\n  }\n"): typeof import('./graphql').ReportRevokeTokenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportReviewQueue($filter: ReviewFilter) {\n    reviewQueue(filter: $filter) {\n      ...SubmissionFields\n      figures {\n        indicatorId\n        breakdown\n        value\n        numerator\n        denominator\n        status\n        explanation\n        warningCodes\n        indicator {\n          name\n          nameEn\n          unit\n        }\n      }\n      warnings {\n        indicatorId\n        breakdown\n        code\n        message\n      }\n      changes {\n        indicatorId\n        breakdown\n        previousValue\n        value\n      }\n      events {\n        action\n        actor\n        at\n        comment\n        changes {\n          indicatorId\n          breakdown\n          previousValue\n          value\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ReportReviewQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportOwnSubmissions($org: String) {\n    submissions(organization: $org) {\n      ...SubmissionFields\n    }\n  }\n"): typeof import('./graphql').ReportOwnSubmissionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportAcceptSubmission($id: ID!) {\n    acceptSubmission(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').ReportAcceptSubmissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportApproveSubmission($id: ID!) {\n    approveSubmission(id: $id) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').ReportApproveSubmissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportReturnSubmission($id: ID!, $comment: String!) {\n    returnSubmission(id: $id, comment: $comment) {\n      id\n      state\n      comment\n    }\n  }\n"): typeof import('./graphql').ReportReturnSubmissionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportAskToReopen($id: ID!, $reason: String!) {\n    askToReopen(id: $id, reason: $reason) {\n      ...SubmissionFields\n    }\n  }\n"): typeof import('./graphql').ReportAskToReopenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportReopenRequests {\n    submissions(reopenRequested: true) {\n      ...SubmissionFields\n    }\n  }\n"): typeof import('./graphql').ReportReopenRequestsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportReopenSubmission($id: ID!, $comment: String) {\n    reopenSubmission(id: $id, comment: $comment) {\n      id\n      state\n    }\n  }\n"): typeof import('./graphql').ReportReopenSubmissionDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
