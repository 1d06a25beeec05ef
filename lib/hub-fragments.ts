/**
 * The selections more than one of the hub's own operations make (lib/gql, typed by
 * `npm run build`), each written once: a push's summary (`ipzone import`, `npm run demo`,
 * the gateway's uploads) and a count of KPIs by status (the CSV exports, the briefing).
 */
import { graphql } from './gql';
import type { PushSummaryFieldsFragment, StatusCountsFieldsFragment } from './gql/graphql';

graphql(`
  fragment PushSummaryFields on ImportSummary {
    replayed
    created
    updated
    unchanged
    rejected
    skipped
    rejections {
      index
      field
      code
      message
    }
    warnings {
      index
      code
      message
    }
  }
`);

graphql(`
  fragment StatusCountsFields on StatusCounts {
    total
    achieved
    onTrack
    atRisk
    offTrack
    incomplete
    noData
    noBaseline
  }
`);

/** What `...PushSummaryFields` selects of a push's summary. */
export type PushSummaryFields = PushSummaryFieldsFragment;

/** What `...StatusCountsFields` selects: KPIs counted by status. */
export type StatusCounts = StatusCountsFieldsFragment;
