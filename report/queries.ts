/** The reporting page's GraphQL operations: each named, as the hub's metrics label them. */
export const VIEWER = `query ReportViewer { viewer { subject roles organization { id name nameEn } } }`;

export const OBLIGATIONS = `query ReportObligations($asOf: LocalDate) {
  obligations(asOf: $asOf) {
    period periodStart periodEnd due daysLeft state
    indicator { id name nameEn unit unitEn rollup minValue maxValue integerOnly series { period value } }
  }
}`;

export const PREVIOUS = `query ReportPrevious($org: ID!, $period: Period!) {
  indicators(filter: { ownerId: $org }) { id figures(from: $period, to: $period) { period breakdown value } }
}`;

export const DRAFT = `query ReportDraft($period: Period!) { draft(period: $period) { content savedBy savedAt } }`;

export const SAVE_DRAFT = `mutation ReportSaveDraft($period: Period!, $content: String!) {
  saveDraft(period: $period, content: $content) { savedBy savedAt }
}`;

export const CHECK = `mutation ReportCheck($input: PushFiguresInput!) {
  pushFigures(input: $input) { rejections { index field code message } warnings { index code message } }
}`;

const RECEIPT_FIELDS = `id period submittedBy submittedAt created updated unchanged
  organization { id name nameEn } submittedByOrganization { name }
  figures { indicator breakdown value numerator denominator status explanation }`;

export const SUBMIT = `mutation ReportSubmit($input: SubmitReportInput!) {
  submitReport(input: $input) {
    summary { rejected rejections { index field code message } }
    receipt { ${RECEIPT_FIELDS} }
  }
}`;

export const RECEIPT = `query ReportReceipt($id: String!) { receipt(id: $id) { ${RECEIPT_FIELDS} } }`;

export const ORGANIZATIONS = `query ReportOrganizations { organizations { id name nameEn } }`;

export const PERSONAL_TOKENS = `query ReportPersonalTokens {
  personalTokens { id holder role issuedAt expiresAt lastUsedAt revokedAt organization { id name } }
}`;

export const ISSUE_TOKEN = `mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {
  issuePersonalToken(holder: $holder, organization: $organization, role: $role, days: $days) { token personalToken { id } }
}`;

export const REVOKE_TOKEN = `mutation ReportRevokeToken($id: String!) { revokeToken(tokenId: $id, reason: "revoked on /report") { tokenId } }`;

const SUBMISSION_FIELDS = `id period state round comment submittedBy submittedAt
  organization { id name nameEn }`;

export const REVIEW_QUEUE = `query ReportReviewQueue {
  reviewQueue {
    ${SUBMISSION_FIELDS}
    figures { indicatorId breakdown value numerator denominator status explanation warningCodes indicator { name nameEn unit } }
    warnings { indicatorId breakdown code message }
    changes { indicatorId breakdown previousValue value }
  }
}`;

export const OWN_SUBMISSIONS = `query ReportOwnSubmissions($org: String) { submissions(organization: $org) { ${SUBMISSION_FIELDS} } }`;

export const ACCEPT_SUBMISSION = `mutation ReportAcceptSubmission($id: ID!) { acceptSubmission(id: $id) { id state } }`;

export const APPROVE_SUBMISSION = `mutation ReportApproveSubmission($id: ID!) { approveSubmission(id: $id) { id state } }`;

export const RETURN_SUBMISSION = `mutation ReportReturnSubmission($id: ID!, $comment: String!) {
  returnSubmission(id: $id, comment: $comment) { id state comment }
}`;
