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
    "\n  fragment BriefingKpi on Kpi {\n    window\n    windowEnd\n    windowComplete\n    actual\n    comparator\n    targetValue\n    effectiveTarget\n    gap\n    progress\n    projected\n    projectionMethod\n    status\n    reason\n    demo\n    coverage\n    missingPeriods\n  }\n": typeof types.BriefingKpiFragmentDoc,
    "\n  query BriefingGoals($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    plan {\n      title\n      titleEn\n      documentNumber\n      issuer\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n      headlineGoals {\n        ...BriefingKpi\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          owners {\n            id\n          }\n          series(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n            period\n            periodEnd\n            value\n            source\n          }\n        }\n      }\n    }\n  }\n": typeof types.BriefingGoalsDocument,
    "\n  query BriefingAttention($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures, filter: { status: [OFF_TRACK, AT_RISK] }) {\n      ...BriefingKpi\n      periods\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        headline\n        owners {\n          id\n        }\n        tasks {\n          id\n          content\n        }\n        figures(asOf: $recordedAsOf) {\n          period\n          periodEnd\n          breakdown\n          explanation\n          note\n          recordedAt\n          organization {\n            id\n          }\n        }\n      }\n    }\n  }\n": typeof types.BriefingAttentionDocument,
    "\n  query BriefingReporting($asOf: LocalDate!, $recordedAsOf: DateTime!) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n          nameEn\n        }\n        period\n        due\n        status\n      }\n    }\n    tasks(filter: { overdueAsOf: $asOf }) {\n      id\n      seq\n      content\n      deadlineAsWritten\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        effectiveStatus\n        lastReportedAt\n        lastNote\n      }\n    }\n  }\n": typeof types.BriefingReportingDocument,
    "\n  query BriefingFigures($recordedAsOf: DateTime!) {\n    indicators {\n      id\n      name\n      nameEn\n      figures(asOf: $recordedAsOf) {\n        period\n        periodEnd\n        breakdown\n        source\n        flags\n      }\n    }\n  }\n": typeof types.BriefingFiguresDocument,
    "\n  fragment ExportKpiFields on Kpi {\n    indicator {\n      id\n      name\n      nameEn\n      unit\n    }\n    breakdown\n    asOf\n    window\n    windowEnd\n    windowComplete\n    actual\n    numerator\n    denominator\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    willMeetTarget\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n": typeof types.ExportKpiFieldsFragmentDoc,
    "\n  fragment ExportTaskFields on Task {\n    id\n    deadline\n    progress(asOf: $asOf) {\n      status\n      effectiveStatus\n      lastReportedAt\n    }\n  }\n": typeof types.ExportTaskFieldsFragmentDoc,
    "\n  query ExportKpis($asOf: LocalDate, $recordedAsOf: DateTime) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, filter: { includeMonitoring: true }) {\n      ...ExportKpiFields\n    }\n  }\n": typeof types.ExportKpisDocument,
    "\n  query ExportScoreboard($asOf: LocalDate, $recordedAsOf: DateTime) {\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      asOf\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n    }\n  }\n": typeof types.ExportScoreboardDocument,
    "\n  query ExportCompleteness($asOf: LocalDate, $recordedAsOf: DateTime) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n        name\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n  }\n": typeof types.ExportCompletenessDocument,
    "\n  query ExportOrganization($id: ID!, $asOf: LocalDate, $recordedAsOf: DateTime) {\n    organization(id: $id) {\n      id\n      name\n      taskScorecard(asOf: $asOf) {\n        ledTasks {\n          ...ExportTaskFields\n        }\n        sharedTasks {\n          ...ExportTaskFields\n        }\n      }\n      indicatorScorecard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n        kpis {\n          ...ExportKpiFields\n        }\n      }\n    }\n  }\n": typeof types.ExportOrganizationDocument,
    "\n  query ReportTemplate($organization: ID!, $period: Period!, $from: Period!) {\n    organization(id: $organization) {\n      id\n      name\n      nameEn\n    }\n    owedIndicators(organization: $organization, period: $period) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      rollup\n      minValue\n      maxValue\n      integerOnly\n      figures(from: $from, to: $period) {\n        period\n        breakdown\n        value\n      }\n    }\n  }\n": typeof types.ReportTemplateDocument,
    "\n  query SdmxData($asOf: DateTime, $from: Period, $to: Period) {\n    indicators {\n      id\n      unitEn\n      figures(asOf: $asOf, from: $from, to: $to) {\n        breakdown\n        period\n        periodType\n        value\n        numerator\n        denominator\n        status\n        flags\n        recordedAt\n        organization {\n          id\n        }\n      }\n    }\n  }\n": typeof types.SdmxDataDocument,
    "\n  query SdmxStructure {\n    indicators {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": typeof types.SdmxStructureDocument,
    "\n  mutation UploadFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": typeof types.UploadFiguresDocument,
    "\n  mutation UploadReport($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        ...PushSummaryFields\n      }\n      receipt {\n        id\n        period\n        submittedBy\n        submittedAt\n        created\n        updated\n        unchanged\n      }\n    }\n  }\n": typeof types.UploadReportDocument,
    "\n  mutation DemoFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": typeof types.DemoFiguresDocument,
    "\n  query DemoCollisions($indicator: String!) {\n    figures(indicator: $indicator, includeWithdrawn: true) {\n      period\n      breakdown\n      recordedBy\n      organization {\n        id\n      }\n    }\n  }\n": typeof types.DemoCollisionsDocument,
    "\n  mutation ImportFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": typeof types.ImportFiguresDocument,
    "\n  query TokenOrganization($name: String!) {\n    organizationByName(name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.TokenOrganizationDocument,
    "\n  fragment PushSummaryFields on ImportSummary {\n    replayed\n    created\n    updated\n    unchanged\n    rejected\n    skipped\n    rejections {\n      index\n      field\n      code\n      message\n    }\n    warnings {\n      index\n      code\n      message\n    }\n  }\n": typeof types.PushSummaryFieldsFragmentDoc,
    "\n  fragment StatusCountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n": typeof types.StatusCountsFieldsFragmentDoc,
};
const documents: Documents = {
    "\n  fragment BriefingKpi on Kpi {\n    window\n    windowEnd\n    windowComplete\n    actual\n    comparator\n    targetValue\n    effectiveTarget\n    gap\n    progress\n    projected\n    projectionMethod\n    status\n    reason\n    demo\n    coverage\n    missingPeriods\n  }\n": types.BriefingKpiFragmentDoc,
    "\n  query BriefingGoals($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    plan {\n      title\n      titleEn\n      documentNumber\n      issuer\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n      headlineGoals {\n        ...BriefingKpi\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          owners {\n            id\n          }\n          series(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n            period\n            periodEnd\n            value\n            source\n          }\n        }\n      }\n    }\n  }\n": types.BriefingGoalsDocument,
    "\n  query BriefingAttention($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures, filter: { status: [OFF_TRACK, AT_RISK] }) {\n      ...BriefingKpi\n      periods\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        headline\n        owners {\n          id\n        }\n        tasks {\n          id\n          content\n        }\n        figures(asOf: $recordedAsOf) {\n          period\n          periodEnd\n          breakdown\n          explanation\n          note\n          recordedAt\n          organization {\n            id\n          }\n        }\n      }\n    }\n  }\n": types.BriefingAttentionDocument,
    "\n  query BriefingReporting($asOf: LocalDate!, $recordedAsOf: DateTime!) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n          nameEn\n        }\n        period\n        due\n        status\n      }\n    }\n    tasks(filter: { overdueAsOf: $asOf }) {\n      id\n      seq\n      content\n      deadlineAsWritten\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        effectiveStatus\n        lastReportedAt\n        lastNote\n      }\n    }\n  }\n": types.BriefingReportingDocument,
    "\n  query BriefingFigures($recordedAsOf: DateTime!) {\n    indicators {\n      id\n      name\n      nameEn\n      figures(asOf: $recordedAsOf) {\n        period\n        periodEnd\n        breakdown\n        source\n        flags\n      }\n    }\n  }\n": types.BriefingFiguresDocument,
    "\n  fragment ExportKpiFields on Kpi {\n    indicator {\n      id\n      name\n      nameEn\n      unit\n    }\n    breakdown\n    asOf\n    window\n    windowEnd\n    windowComplete\n    actual\n    numerator\n    denominator\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    willMeetTarget\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n": types.ExportKpiFieldsFragmentDoc,
    "\n  fragment ExportTaskFields on Task {\n    id\n    deadline\n    progress(asOf: $asOf) {\n      status\n      effectiveStatus\n      lastReportedAt\n    }\n  }\n": types.ExportTaskFieldsFragmentDoc,
    "\n  query ExportKpis($asOf: LocalDate, $recordedAsOf: DateTime) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, filter: { includeMonitoring: true }) {\n      ...ExportKpiFields\n    }\n  }\n": types.ExportKpisDocument,
    "\n  query ExportScoreboard($asOf: LocalDate, $recordedAsOf: DateTime) {\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      asOf\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n    }\n  }\n": types.ExportScoreboardDocument,
    "\n  query ExportCompleteness($asOf: LocalDate, $recordedAsOf: DateTime) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n        name\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n  }\n": types.ExportCompletenessDocument,
    "\n  query ExportOrganization($id: ID!, $asOf: LocalDate, $recordedAsOf: DateTime) {\n    organization(id: $id) {\n      id\n      name\n      taskScorecard(asOf: $asOf) {\n        ledTasks {\n          ...ExportTaskFields\n        }\n        sharedTasks {\n          ...ExportTaskFields\n        }\n      }\n      indicatorScorecard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n        kpis {\n          ...ExportKpiFields\n        }\n      }\n    }\n  }\n": types.ExportOrganizationDocument,
    "\n  query ReportTemplate($organization: ID!, $period: Period!, $from: Period!) {\n    organization(id: $organization) {\n      id\n      name\n      nameEn\n    }\n    owedIndicators(organization: $organization, period: $period) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      rollup\n      minValue\n      maxValue\n      integerOnly\n      figures(from: $from, to: $period) {\n        period\n        breakdown\n        value\n      }\n    }\n  }\n": types.ReportTemplateDocument,
    "\n  query SdmxData($asOf: DateTime, $from: Period, $to: Period) {\n    indicators {\n      id\n      unitEn\n      figures(asOf: $asOf, from: $from, to: $to) {\n        breakdown\n        period\n        periodType\n        value\n        numerator\n        denominator\n        status\n        flags\n        recordedAt\n        organization {\n          id\n        }\n      }\n    }\n  }\n": types.SdmxDataDocument,
    "\n  query SdmxStructure {\n    indicators {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": types.SdmxStructureDocument,
    "\n  mutation UploadFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": types.UploadFiguresDocument,
    "\n  mutation UploadReport($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        ...PushSummaryFields\n      }\n      receipt {\n        id\n        period\n        submittedBy\n        submittedAt\n        created\n        updated\n        unchanged\n      }\n    }\n  }\n": types.UploadReportDocument,
    "\n  mutation DemoFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": types.DemoFiguresDocument,
    "\n  query DemoCollisions($indicator: String!) {\n    figures(indicator: $indicator, includeWithdrawn: true) {\n      period\n      breakdown\n      recordedBy\n      organization {\n        id\n      }\n    }\n  }\n": types.DemoCollisionsDocument,
    "\n  mutation ImportFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n": types.ImportFiguresDocument,
    "\n  query TokenOrganization($name: String!) {\n    organizationByName(name: $name) {\n      id\n      name\n    }\n  }\n": types.TokenOrganizationDocument,
    "\n  fragment PushSummaryFields on ImportSummary {\n    replayed\n    created\n    updated\n    unchanged\n    rejected\n    skipped\n    rejections {\n      index\n      field\n      code\n      message\n    }\n    warnings {\n      index\n      code\n      message\n    }\n  }\n": types.PushSummaryFieldsFragmentDoc,
    "\n  fragment StatusCountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n": types.StatusCountsFieldsFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BriefingKpi on Kpi {\n    window\n    windowEnd\n    windowComplete\n    actual\n    comparator\n    targetValue\n    effectiveTarget\n    gap\n    progress\n    projected\n    projectionMethod\n    status\n    reason\n    demo\n    coverage\n    missingPeriods\n  }\n"): typeof import('./graphql').BriefingKpiFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BriefingGoals($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    plan {\n      title\n      titleEn\n      documentNumber\n      issuer\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n      headlineGoals {\n        ...BriefingKpi\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          owners {\n            id\n          }\n          series(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures) {\n            period\n            periodEnd\n            value\n            source\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BriefingGoalsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BriefingAttention($asOf: LocalDate!, $recordedAsOf: DateTime!, $figures: FigureRule) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, figures: $figures, filter: { status: [OFF_TRACK, AT_RISK] }) {\n      ...BriefingKpi\n      periods\n      indicator {\n        id\n        name\n        nameEn\n        unit\n        headline\n        owners {\n          id\n        }\n        tasks {\n          id\n          content\n        }\n        figures(asOf: $recordedAsOf) {\n          period\n          periodEnd\n          breakdown\n          explanation\n          note\n          recordedAt\n          organization {\n            id\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BriefingAttentionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BriefingReporting($asOf: LocalDate!, $recordedAsOf: DateTime!) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n          nameEn\n        }\n        period\n        due\n        status\n      }\n    }\n    tasks(filter: { overdueAsOf: $asOf }) {\n      id\n      seq\n      content\n      deadlineAsWritten\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        effectiveStatus\n        lastReportedAt\n        lastNote\n      }\n    }\n  }\n"): typeof import('./graphql').BriefingReportingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BriefingFigures($recordedAsOf: DateTime!) {\n    indicators {\n      id\n      name\n      nameEn\n      figures(asOf: $recordedAsOf) {\n        period\n        periodEnd\n        breakdown\n        source\n        flags\n      }\n    }\n  }\n"): typeof import('./graphql').BriefingFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportKpiFields on Kpi {\n    indicator {\n      id\n      name\n      nameEn\n      unit\n    }\n    breakdown\n    asOf\n    window\n    windowEnd\n    windowComplete\n    actual\n    numerator\n    denominator\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    willMeetTarget\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n"): typeof import('./graphql').ExportKpiFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ExportTaskFields on Task {\n    id\n    deadline\n    progress(asOf: $asOf) {\n      status\n      effectiveStatus\n      lastReportedAt\n    }\n  }\n"): typeof import('./graphql').ExportTaskFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportKpis($asOf: LocalDate, $recordedAsOf: DateTime) {\n    kpis(asOf: $asOf, recordedAsOf: $recordedAsOf, filter: { includeMonitoring: true }) {\n      ...ExportKpiFields\n    }\n  }\n"): typeof import('./graphql').ExportKpisDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportScoreboard($asOf: LocalDate, $recordedAsOf: DateTime) {\n    scoreboard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      asOf\n      headline {\n        ...StatusCountsFields\n      }\n      targets {\n        ...StatusCountsFields\n      }\n    }\n  }\n"): typeof import('./graphql').ExportScoreboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportCompleteness($asOf: LocalDate, $recordedAsOf: DateTime) {\n    reportingCompleteness(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n      organization {\n        id\n        name\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n  }\n"): typeof import('./graphql').ExportCompletenessDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ExportOrganization($id: ID!, $asOf: LocalDate, $recordedAsOf: DateTime) {\n    organization(id: $id) {\n      id\n      name\n      taskScorecard(asOf: $asOf) {\n        ledTasks {\n          ...ExportTaskFields\n        }\n        sharedTasks {\n          ...ExportTaskFields\n        }\n      }\n      indicatorScorecard(asOf: $asOf, recordedAsOf: $recordedAsOf) {\n        kpis {\n          ...ExportKpiFields\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ExportOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ReportTemplate($organization: ID!, $period: Period!, $from: Period!) {\n    organization(id: $organization) {\n      id\n      name\n      nameEn\n    }\n    owedIndicators(organization: $organization, period: $period) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      rollup\n      minValue\n      maxValue\n      integerOnly\n      figures(from: $from, to: $period) {\n        period\n        breakdown\n        value\n      }\n    }\n  }\n"): typeof import('./graphql').ReportTemplateDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdmxData($asOf: DateTime, $from: Period, $to: Period) {\n    indicators {\n      id\n      unitEn\n      figures(asOf: $asOf, from: $from, to: $to) {\n        breakdown\n        period\n        periodType\n        value\n        numerator\n        denominator\n        status\n        flags\n        recordedAt\n        organization {\n          id\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SdmxDataDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SdmxStructure {\n    indicators {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n"): typeof import('./graphql').SdmxStructureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n"): typeof import('./graphql').UploadFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UploadReport($input: SubmitReportInput!) {\n    submitReport(input: $input) {\n      summary {\n        ...PushSummaryFields\n      }\n      receipt {\n        id\n        period\n        submittedBy\n        submittedAt\n        created\n        updated\n        unchanged\n      }\n    }\n  }\n"): typeof import('./graphql').UploadReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DemoFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n"): typeof import('./graphql').DemoFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemoCollisions($indicator: String!) {\n    figures(indicator: $indicator, includeWithdrawn: true) {\n      period\n      breakdown\n      recordedBy\n      organization {\n        id\n      }\n    }\n  }\n"): typeof import('./graphql').DemoCollisionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportFigures($input: PushFiguresInput!) {\n    pushFigures(input: $input) {\n      ...PushSummaryFields\n    }\n  }\n"): typeof import('./graphql').ImportFiguresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TokenOrganization($name: String!) {\n    organizationByName(name: $name) {\n      id\n      name\n    }\n  }\n"): typeof import('./graphql').TokenOrganizationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PushSummaryFields on ImportSummary {\n    replayed\n    created\n    updated\n    unchanged\n    rejected\n    skipped\n    rejections {\n      index\n      field\n      code\n      message\n    }\n    warnings {\n      index\n      code\n      message\n    }\n  }\n"): typeof import('./graphql').PushSummaryFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StatusCountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n"): typeof import('./graphql').StatusCountsFieldsFragmentDoc;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
