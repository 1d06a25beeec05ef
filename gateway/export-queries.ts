/**
 * The queries the CSV exports send to the gateway (gateway/export-specs.ts lays out their
 * answers), with the fragments they share: each typed from the schema (lib/gql, `npm run
 * build`), its answer read as the schema says.
 */
import { graphql } from '../lib/gql';

graphql(`
  fragment ExportKpiFields on Kpi {
    indicator {
      id
      name
      nameEn
      unit
    }
    breakdown
    asOf
    window
    windowEnd
    windowComplete
    actual
    numerator
    denominator
    comparator
    targetValue
    baseline
    effectiveTarget
    gap
    progress
    projected
    willMeetTarget
    status
    reason
    demo
    figureRule
    coverage
    missingPeriods
  }
`);

graphql(`
  fragment ExportTaskFields on Task {
    id
    deadline
    progress(asOf: $asOf) {
      status
      effectiveStatus
      lastReportedAt
    }
  }
`);

export const KPIS = graphql(`
  query ExportKpis($asOf: LocalDate, $recordedAsOf: DateTime) {
    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, filter: { includeMonitoring: true }) {
      ...ExportKpiFields
    }
  }
`).toString();

export const SCOREBOARD = graphql(`
  query ExportScoreboard($asOf: LocalDate, $recordedAsOf: DateTime) {
    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf) {
      asOf
      headline {
        ...StatusCountsFields
      }
      targets {
        ...StatusCountsFields
      }
    }
  }
`).toString();

export const COMPLETENESS = graphql(`
  query ExportCompleteness($asOf: LocalDate, $recordedAsOf: DateTime) {
    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {
      organization {
        id
        name
      }
      expected
      onTime
      late
      missing
      completeness
      reports {
        indicator {
          id
        }
        period
        due
        status
        firstReportedAt
      }
    }
  }
`).toString();

export const ORGANIZATION = graphql(`
  query ExportOrganization($id: ID!, $asOf: LocalDate, $recordedAsOf: DateTime) {
    organization(id: $id) {
      id
      name
      taskScorecard(asOf: $asOf) {
        ledTasks {
          ...ExportTaskFields
        }
        sharedTasks {
          ...ExportTaskFields
        }
      }
      indicatorScorecard(asOf: $asOf, recordedAsOf: $recordedAsOf) {
        kpis {
          ...ExportKpiFields
        }
      }
    }
  }
`).toString();
