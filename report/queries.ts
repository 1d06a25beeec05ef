/**
 * The reporting page's GraphQL operations (all of it public API), each named, as the hub's
 * metrics label them. Their answers and variables are typed from the checked-in supergraph
 * into gql/ (`npm run build`, scripts/build-types.ts): an operation that stops validating
 * against the schema fails the build.
 */
import { graphql } from './gql';

graphql(`
  fragment RejectionFields on RowRejection {
    index
    field
    code
    message
  }
`);

graphql(`
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
`);

graphql(`
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
`);

export const VIEWER = graphql(`
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
`).toString();

export const OBLIGATIONS = graphql(`
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
`).toString();

/** The organisation's figures of the period before and of the period itself (as they stand: a returned report's). */
export const PREVIOUS = graphql(`
  query ReportPrevious($org: ID!, $from: Period!, $to: Period!) {
    indicators(filter: { ownerId: $org }) {
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
`).toString();

export const DRAFT = graphql(`
  query ReportDraft($period: Period!) {
    draft(period: $period) {
      content
      savedBy
      savedAt
    }
  }
`).toString();

export const SAVE_DRAFT = graphql(`
  mutation ReportSaveDraft($period: Period!, $content: String!) {
    saveDraft(period: $period, content: $content) {
      savedBy
      savedAt
    }
  }
`).toString();

export const CHECK = graphql(`
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
`).toString();

export const SUBMIT = graphql(`
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
`).toString();

export const RECEIPT = graphql(`
  query ReportReceipt($id: String!) {
    receipt(id: $id) {
      ...ReceiptFields
    }
  }
`).toString();

export const ORGANIZATIONS = graphql(`
  query ReportOrganizations {
    organizations {
      id
      name
      nameEn
    }
  }
`).toString();

export const PERSONAL_TOKENS = graphql(`
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
`).toString();

export const ISSUE_TOKEN = graphql(`
  mutation ReportIssueToken($holder: String!, $organization: String!, $role: String!, $days: Int!) {
    issuePersonalToken(holder: $holder, organization: $organization, role: $role, days: $days) {
      token
      personalToken {
        id
      }
    }
  }
`).toString();

export const REVOKE_TOKEN = graphql(`
  mutation ReportRevokeToken($id: String!) {
    revokeToken(tokenId: $id, reason: "revoked on /report") {
      tokenId
    }
  }
`).toString();

export const REVIEW_QUEUE = graphql(`
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
`).toString();

export const OWN_SUBMISSIONS = graphql(`
  query ReportOwnSubmissions($org: String) {
    submissions(organization: $org) {
      ...SubmissionFields
    }
  }
`).toString();

export const ACCEPT_SUBMISSION = graphql(`
  mutation ReportAcceptSubmission($id: ID!) {
    acceptSubmission(id: $id) {
      id
      state
    }
  }
`).toString();

export const APPROVE_SUBMISSION = graphql(`
  mutation ReportApproveSubmission($id: ID!) {
    approveSubmission(id: $id) {
      id
      state
    }
  }
`).toString();

export const RETURN_SUBMISSION = graphql(`
  mutation ReportReturnSubmission($id: ID!, $comment: String!) {
    returnSubmission(id: $id, comment: $comment) {
      id
      state
      comment
    }
  }
`).toString();

export const ASK_TO_REOPEN = graphql(`
  mutation ReportAskToReopen($id: ID!, $reason: String!) {
    askToReopen(id: $id, reason: $reason) {
      ...SubmissionFields
    }
  }
`).toString();

export const REOPEN_REQUESTS = graphql(`
  query ReportReopenRequests {
    submissions(reopenRequested: true) {
      ...SubmissionFields
    }
  }
`).toString();

export const REOPEN_SUBMISSION = graphql(`
  mutation ReportReopenSubmission($id: ID!, $comment: String) {
    reopenSubmission(id: $id, comment: $comment) {
      id
      state
    }
  }
`).toString();
