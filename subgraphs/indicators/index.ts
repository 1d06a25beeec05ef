/** The indicators subgraph: the plan's quantitative targets, their owners and tasks. */
import { buildFederatedSchema } from '../../lib/federation';
import type { IndicatorSettings } from '../../lib/config';
import type { SubgraphDefinition } from '../../lib/subgraph';
import { indicatorContext, type IndicatorContext } from './context';
import { IndicatorOwnerRecord, IndicatorRecord, IndicatorTaskRecord } from './data/entities';
import { Section } from './schema/kpi';
import { CreateIndicators1764000000002 } from './data/migrations/1764000000002-CreateIndicators';
import { CreateFigures1764000000003 } from './data/migrations/1764000000003-CreateFigures';
import { CreateKpiSupport1764000000004 } from './data/migrations/1764000000004-CreateKpiSupport';
import { IndexTotals1764000000005 } from './data/migrations/1764000000005-IndexTotals';
import { IndicatorMethod1764000300000 } from './data/migrations/1764000300000-IndicatorMethod';
import { ReportingPage1765000000000 } from './data/migrations/1765000000000-ReportingPage';
import { CreateSubmissions1766000000000 } from './data/migrations/1766000000000-CreateSubmissions';
import { CreateEntryExceptions1766000000001 } from './data/migrations/1766000000001-CreateEntryExceptions';
import { CreateNotifications1766000000002 } from './data/migrations/1766000000002-CreateNotifications';
import { FigureTimingAndQuality1767620000000 } from './data/migrations/1767620000000-FigureTimingAndQuality';
import { BreakdownSums1768000000000 } from './data/migrations/1768000000000-BreakdownSums';
import { IdempotencyScope1768230000000 } from './data/migrations/1768230000000-IdempotencyScope';
import { WebhookGaveUp1769000000000 } from './data/migrations/1769000000000-WebhookGaveUp';
import { ReopenRequest1769100000000 } from './data/migrations/1769100000000-ReopenRequest';
import { SubmissionChangeEvents1769300000000 } from './data/migrations/1769300000000-SubmissionChangeEvents';
import { FigureBulkJobTimes1769400000000 } from './data/migrations/1769400000000-FigureBulkJobTimes';
import { FigureBulkJobLostRuns1769500000000 } from './data/migrations/1769500000000-FigureBulkJobLostRuns';
import { TermsInYears1769600000000 } from './data/migrations/1769600000000-TermsInYears';
import { FigureBulkJobs1769200000000 } from './data/migrations/1769200000000-FigureBulkJobs';
import { startNotifications } from './notifications/worker';
import { NotificationResolver } from './resolvers/notification.resolver';
import { SubmissionResolver } from './resolvers/submission.resolver';
import { EntryExceptionResolver } from './resolvers/entry-exception.resolver';
import { FigureResolver, IndicatorFiguresResolver } from './resolvers/figure.resolver';
import { PushResolver } from './resolvers/push.resolver';
import { ImportSummaryResolver } from './resolvers/import-summary.resolver';
import { bulkRoutes } from './resolvers/bulk.endpoint';
import { ReportResolver } from './resolvers/report.resolver';
import { KpiAdminResolver } from './resolvers/kpi-admin.resolver';
import {
  ExpectedReportResolver,
  IndicatorKpiResolver,
  KpiResolver,
  OrganizationScorecardResolver,
  SectionKpiResolver,
} from './resolvers/kpi.resolver';
import { readIndicators } from '../../seeds/load';
import { seedIndicators } from './data/seed';
import { createLoaders, type IndicatorLoaders } from './loaders';
import { IndicatorResolver, OrganizationIndicatorsResolver, TaskIndicatorsResolver } from './resolvers/indicator.resolver';

type Context = IndicatorContext;
const stub = (reference: { id: string }) => ({ id: reference.id });

export const indicatorsSubgraph: SubgraphDefinition<IndicatorLoaders, IndicatorSettings> = {
  name: 'indicators',
  store: {
    entities: [IndicatorRecord, IndicatorOwnerRecord, IndicatorTaskRecord],
    migrations: [
      CreateIndicators1764000000002,
      CreateFigures1764000000003,
      CreateKpiSupport1764000000004,
      IndexTotals1764000000005,
      IndicatorMethod1764000300000,
      ReportingPage1765000000000,
      CreateSubmissions1766000000000,
      CreateEntryExceptions1766000000001,
      CreateNotifications1766000000002,
      FigureTimingAndQuality1767620000000,
      BreakdownSums1768000000000,
      IdempotencyScope1768230000000,
      WebhookGaveUp1769000000000,
      ReopenRequest1769100000000,
      FigureBulkJobs1769200000000,
      SubmissionChangeEvents1769300000000,
      FigureBulkJobTimes1769400000000,
      FigureBulkJobLostRuns1769500000000,
      TermsInYears1769600000000,
    ],
  },
  loaders: createLoaders,
  settings: (hub) => hub.indicators,
  context: indicatorContext,
  background: startNotifications,
  routes: bulkRoutes,
  seed: (store) => seedIndicators(store.dataSource, readIndicators()),
  isEmpty: async (store) => (await store.dataSource.query('SELECT 1 FROM indicator LIMIT 1')).length === 0,
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          IndicatorResolver,
          TaskIndicatorsResolver,
          OrganizationIndicatorsResolver,
          FigureResolver,
          IndicatorFiguresResolver,
          PushResolver,
          ImportSummaryResolver,
          ReportResolver,
          KpiResolver,
          ExpectedReportResolver,
          IndicatorKpiResolver,
          OrganizationScorecardResolver,
          SectionKpiResolver,
          KpiAdminResolver,
          SubmissionResolver,
          EntryExceptionResolver,
          NotificationResolver,
        ],
        // Reached only through the gateway (_entities), never from a query of this subgraph.
        orphanedTypes: [Section],
      },
      {
        Indicator: {
          __resolveReference: (reference: { id: string }, context: Context) => context.loaders.indicator.load(reference.id),
        },
        Task: { __resolveReference: stub },
        Organization: { __resolveReference: stub },
        Section: { __resolveReference: (reference: { seq: number; taskIds?: string[] }) => reference },
      },
    ),
};
