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
    "\n  fragment CountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n": typeof types.CountsFieldsFragmentDoc,
    "\n  fragment KpiFields on Kpi {\n    window\n    windowComplete\n    actual\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n": typeof types.KpiFieldsFragmentDoc,
    "\n  fragment SeriesFields on SeriesPoint {\n    period\n    periodEnd\n    value\n    source\n  }\n": typeof types.SeriesFieldsFragmentDoc,
    "\n  fragment ListedKpi on Kpi {\n    ...KpiFields\n    indicator {\n      id\n      name\n      nameEn\n      unit\n      headline\n      owners {\n        id\n      }\n      tasks {\n        id\n        sectionSeq\n      }\n    }\n  }\n": typeof types.ListedKpiFragmentDoc,
    "\n  fragment FigureFields on Figure {\n    period\n    breakdown\n    value\n    status\n    flags\n    revision\n    withdrawn\n    source\n    note\n    history {\n      revision\n      value\n      numerator\n      denominator\n      status\n      flags\n      reportedOn\n      withdrawn\n      source\n      reason\n      explanation\n      warningCodes\n      recordedBy\n      recordedAt\n      recordedByOrganization {\n        name\n      }\n    }\n  }\n": typeof types.FigureFieldsFragmentDoc,
    "\n  query DashboardMeta {\n    plan {\n      title\n      documentNumber\n    }\n    sections {\n      seq\n      numeral\n      title\n      titleEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": typeof types.DashboardMetaDocument,
    "\n  query Dashboard($asOf: LocalDate, $ownerId: ID, $orgId: String, $tasks: TaskFilter, $figures: FigureRule) {\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...CountsFields\n      }\n      targets {\n        ...CountsFields\n      }\n      headlineGoals {\n        ...KpiFields\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          rollup\n          headline\n          owners {\n            id\n          }\n          series(asOf: $asOf, figures: $figures) {\n            ...SeriesFields\n          }\n        }\n      }\n    }\n    targets: kpis(asOf: $asOf, filter: { ownerId: $ownerId }, figures: $figures) {\n      ...ListedKpi\n    }\n    reportingCompleteness(asOf: $asOf, organizationId: $orgId) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n    tasks(filter: $tasks) {\n      id\n      seq\n      sectionSeq\n      content\n      deadline\n      deadlineAsWritten\n      responsibleAsWritten\n      category\n      ongoing\n      featured\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        status\n        effectiveStatus\n        overdue\n        lastReportedAt\n      }\n    }\n  }\n": typeof types.DashboardDocument,
    "\n  query IndicatorDetail($id: ID!, $ref: String!, $asOf: LocalDate, $figures: FigureRule) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      quote\n      formula\n      hasTarget\n      rollup\n      owners {\n        id\n        name\n        nameEn\n      }\n      tasks {\n        id\n        content\n      }\n      kpi(asOf: $asOf, figures: $figures) {\n        ...KpiFields\n      }\n      series(asOf: $asOf, figures: $figures) {\n        ...SeriesFields\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n": typeof types.IndicatorDetailDocument,
    "\n  query InputFigures($id: ID!, $ref: String!) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      owners {\n        id\n        name\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n": typeof types.InputFiguresDocument,
};
const documents: Documents = {
    "\n  fragment CountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n": types.CountsFieldsFragmentDoc,
    "\n  fragment KpiFields on Kpi {\n    window\n    windowComplete\n    actual\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n": types.KpiFieldsFragmentDoc,
    "\n  fragment SeriesFields on SeriesPoint {\n    period\n    periodEnd\n    value\n    source\n  }\n": types.SeriesFieldsFragmentDoc,
    "\n  fragment ListedKpi on Kpi {\n    ...KpiFields\n    indicator {\n      id\n      name\n      nameEn\n      unit\n      headline\n      owners {\n        id\n      }\n      tasks {\n        id\n        sectionSeq\n      }\n    }\n  }\n": types.ListedKpiFragmentDoc,
    "\n  fragment FigureFields on Figure {\n    period\n    breakdown\n    value\n    status\n    flags\n    revision\n    withdrawn\n    source\n    note\n    history {\n      revision\n      value\n      numerator\n      denominator\n      status\n      flags\n      reportedOn\n      withdrawn\n      source\n      reason\n      explanation\n      warningCodes\n      recordedBy\n      recordedAt\n      recordedByOrganization {\n        name\n      }\n    }\n  }\n": types.FigureFieldsFragmentDoc,
    "\n  query DashboardMeta {\n    plan {\n      title\n      documentNumber\n    }\n    sections {\n      seq\n      numeral\n      title\n      titleEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n": types.DashboardMetaDocument,
    "\n  query Dashboard($asOf: LocalDate, $ownerId: ID, $orgId: String, $tasks: TaskFilter, $figures: FigureRule) {\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...CountsFields\n      }\n      targets {\n        ...CountsFields\n      }\n      headlineGoals {\n        ...KpiFields\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          rollup\n          headline\n          owners {\n            id\n          }\n          series(asOf: $asOf, figures: $figures) {\n            ...SeriesFields\n          }\n        }\n      }\n    }\n    targets: kpis(asOf: $asOf, filter: { ownerId: $ownerId }, figures: $figures) {\n      ...ListedKpi\n    }\n    reportingCompleteness(asOf: $asOf, organizationId: $orgId) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n    tasks(filter: $tasks) {\n      id\n      seq\n      sectionSeq\n      content\n      deadline\n      deadlineAsWritten\n      responsibleAsWritten\n      category\n      ongoing\n      featured\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        status\n        effectiveStatus\n        overdue\n        lastReportedAt\n      }\n    }\n  }\n": types.DashboardDocument,
    "\n  query IndicatorDetail($id: ID!, $ref: String!, $asOf: LocalDate, $figures: FigureRule) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      quote\n      formula\n      hasTarget\n      rollup\n      owners {\n        id\n        name\n        nameEn\n      }\n      tasks {\n        id\n        content\n      }\n      kpi(asOf: $asOf, figures: $figures) {\n        ...KpiFields\n      }\n      series(asOf: $asOf, figures: $figures) {\n        ...SeriesFields\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n": types.IndicatorDetailDocument,
    "\n  query InputFigures($id: ID!, $ref: String!) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      owners {\n        id\n        name\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n": types.InputFiguresDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CountsFields on StatusCounts {\n    total\n    achieved\n    onTrack\n    atRisk\n    offTrack\n    incomplete\n    noData\n    noBaseline\n  }\n"): typeof import('./graphql').CountsFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KpiFields on Kpi {\n    window\n    windowComplete\n    actual\n    comparator\n    targetValue\n    baseline\n    effectiveTarget\n    gap\n    progress\n    projected\n    status\n    reason\n    demo\n    figureRule\n    coverage\n    missingPeriods\n  }\n"): typeof import('./graphql').KpiFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeriesFields on SeriesPoint {\n    period\n    periodEnd\n    value\n    source\n  }\n"): typeof import('./graphql').SeriesFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ListedKpi on Kpi {\n    ...KpiFields\n    indicator {\n      id\n      name\n      nameEn\n      unit\n      headline\n      owners {\n        id\n      }\n      tasks {\n        id\n        sectionSeq\n      }\n    }\n  }\n"): typeof import('./graphql').ListedKpiFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment FigureFields on Figure {\n    period\n    breakdown\n    value\n    status\n    flags\n    revision\n    withdrawn\n    source\n    note\n    history {\n      revision\n      value\n      numerator\n      denominator\n      status\n      flags\n      reportedOn\n      withdrawn\n      source\n      reason\n      explanation\n      warningCodes\n      recordedBy\n      recordedAt\n      recordedByOrganization {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').FigureFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardMeta {\n    plan {\n      title\n      documentNumber\n    }\n    sections {\n      seq\n      numeral\n      title\n      titleEn\n    }\n    organizations {\n      id\n      name\n      nameEn\n    }\n  }\n"): typeof import('./graphql').DashboardMetaDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Dashboard($asOf: LocalDate, $ownerId: ID, $orgId: String, $tasks: TaskFilter, $figures: FigureRule) {\n    organizations {\n      id\n      name\n      nameEn\n    }\n    scoreboard(asOf: $asOf, figures: $figures) {\n      asOf\n      recordedAsOf\n      figureRule\n      headline {\n        ...CountsFields\n      }\n      targets {\n        ...CountsFields\n      }\n      headlineGoals {\n        ...KpiFields\n        indicator {\n          id\n          name\n          nameEn\n          unit\n          rollup\n          headline\n          owners {\n            id\n          }\n          series(asOf: $asOf, figures: $figures) {\n            ...SeriesFields\n          }\n        }\n      }\n    }\n    targets: kpis(asOf: $asOf, filter: { ownerId: $ownerId }, figures: $figures) {\n      ...ListedKpi\n    }\n    reportingCompleteness(asOf: $asOf, organizationId: $orgId) {\n      organization {\n        id\n      }\n      expected\n      onTime\n      late\n      missing\n      completeness\n      reports {\n        indicator {\n          id\n          name\n        }\n        period\n        due\n        status\n        firstReportedAt\n      }\n    }\n    tasks(filter: $tasks) {\n      id\n      seq\n      sectionSeq\n      content\n      deadline\n      deadlineAsWritten\n      responsibleAsWritten\n      category\n      ongoing\n      featured\n      leadOrganization {\n        id\n      }\n      progress(asOf: $asOf) {\n        status\n        effectiveStatus\n        overdue\n        lastReportedAt\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IndicatorDetail($id: ID!, $ref: String!, $asOf: LocalDate, $figures: FigureRule) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      unitEn\n      quote\n      formula\n      hasTarget\n      rollup\n      owners {\n        id\n        name\n        nameEn\n      }\n      tasks {\n        id\n        content\n      }\n      kpi(asOf: $asOf, figures: $figures) {\n        ...KpiFields\n      }\n      series(asOf: $asOf, figures: $figures) {\n        ...SeriesFields\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n"): typeof import('./graphql').IndicatorDetailDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InputFigures($id: ID!, $ref: String!) {\n    indicator(id: $id) {\n      id\n      name\n      nameEn\n      unit\n      owners {\n        id\n        name\n      }\n    }\n    figures(indicator: $ref, includeWithdrawn: true) {\n      ...FigureFields\n    }\n  }\n"): typeof import('./graphql').InputFiguresDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
