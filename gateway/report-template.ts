/**
 * The reporting template of an agency and a period: one row per indicator it owes then
 * (`owedIndicators`: those whose principal owner it is, by their reporting calendar), and one more
 * per breakdown the indicator has been reported by in the past year. The data comes from
 * the gateway's own GraphQL schema; the layout (bilingual headings, the cells to fill and
 * what each admits: the status and flags as lists of their Chinese words and codes, the
 * explanation of a jump and the reason for correcting a FINAL figure as text) is here,
 * the workbook (printed on A4, one page wide) is written by lib/xlsx.
 */
import { graphql } from '../lib/gql';
import type { ReportTemplateQuery, ReportTemplateQueryVariables } from '../lib/gql/graphql';
import { type Period, stepPeriod } from '../lib/period';
import type { CellRule, XlsxCell, XlsxSheet } from '../lib/xlsx';
import { FLAG_CHOICES, STATUS_CHOICES } from '../lib/figure-words';

export const TEMPLATE_QUERY = graphql(`
  query ReportTemplate($organization: ID!, $period: Period!, $from: Period!) {
    organization(id: $organization) {
      id
      name
      nameEn
    }
    owedIndicators(organization: $organization, period: $period) {
      id
      name
      nameEn
      unit
      unitEn
      rollup
      minValue
      maxValue
      integerOnly
      figures(from: $from, to: $period) {
        period
        breakdown
        value
      }
    }
  }
`).toString();

export type TemplateData = ReportTemplateQuery;
type TemplateIndicator = NonNullable<TemplateData['owedIndicators']>[number];

/** The template's columns: bilingual headings; the part after the slash is the import column. */
const TEMPLATE_COLUMNS = [
  ['指标编号 / indicator', 30],
  ['指标名称 / name', 32],
  ['单位 / unit', 12],
  ['期间 / period', 10],
  ['分项 / breakdown', 14],
  ['上期值 / previous', 12],
  ['数值 / value', 12],
  ['分子 / numerator', 12],
  ['分母 / denominator', 12],
  ['状态 / status', 14],
  ['说明 / note', 24],
  ['来源 / source', 16],
  ['填报单位 / organization', 12],
  ['质量标记 / flags', 16],
  ['情况说明 / explanation', 26],
  ['更正原因 / reason', 18],
] as const;

/** The query's variables: figures of the year before the period up to it (previous values, breakdowns in use). */
export function templateVariables(organization: string, period: Period): ReportTemplateQueryVariables {
  return { organization, period: period.text, from: String(period.year - 1) };
}

/** A status from the list; its code or Chinese word alone is let in after Excel's warning (the hub takes both). */
const STATUS_RULE: CellRule = { kind: 'list', values: STATUS_CHOICES, open: true };
/** A flag from the list, or several typed with semicolons (let in after Excel's warning). */
const FLAGS_RULE: CellRule = { kind: 'list', values: FLAG_CHOICES, open: true };

function indicatorRows(indicator: TemplateIndicator, period: Period, organization: string): XlsxCell[][] {
  const previous = stepPeriod(period, -1).text;
  const breakdowns = [...new Set(indicator.figures.map((f) => f.breakdown).filter((b) => b !== ''))].sort();
  const rate = indicator.rollup === 'RATIO';
  const valueRule: CellRule = {
    kind: indicator.integerOnly ? 'whole' : 'decimal',
    min: indicator.minValue,
    max: indicator.maxValue,
  };
  const part: CellRule = { kind: 'decimal', min: 0 };
  return ['', ...breakdowns].map((breakdown) => {
    const before = indicator.figures.find((f) => f.period === previous && f.breakdown === breakdown);
    return [
      { value: indicator.id },
      { value: `${indicator.name}（${indicator.nameEn}）` },
      {
        value:
          indicator.unitEn && indicator.unitEn !== indicator.unit ? `${indicator.unit} / ${indicator.unitEn}` : indicator.unit,
      },
      { value: period.text },
      { value: breakdown },
      { value: before?.value ?? null },
      rate ? {} : { editable: true, rule: valueRule },
      rate ? { editable: true, rule: part } : {},
      rate ? { editable: true, rule: part } : {},
      { editable: true, rule: STATUS_RULE },
      { editable: true },
      { editable: true },
      { value: organization },
      { editable: true, rule: FLAGS_RULE },
      { editable: true },
      { editable: true },
    ];
  });
}

/** The sheet of the template: a row for each indicator owed (and each of its breakdowns), in id order. */
export function templateSheet(data: TemplateData, period: Period): XlsxSheet {
  const organization = data.organization!.id;
  const rows = (data.owedIndicators ?? []).flatMap((indicator) => indicatorRows(indicator, period, organization));
  return {
    name: '填报 Report',
    header: TEMPLATE_COLUMNS.map(([heading]) => heading),
    widths: TEMPLATE_COLUMNS.map(([, width]) => width),
    rows,
  };
}
