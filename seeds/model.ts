/**
 * Shapes of the reviewed seed files under seeds/. The files are the plan's data of
 * record; the loader (seeds/load.ts) writes each subgraph's part through that
 * subgraph's own store.
 */
/*
 * The kinds of organisations, the comparator (以上 / 不低于 AT_LEAST, 超过 MORE_THAN, 以内
 * AT_MOST, 100% EQUAL, 压减 X% REDUCE_BY_PERCENT, 提升 X% INCREASE_BY_PERCENT), periodicity,
 * value kind and rollup are the hub's lists in lib/enums.ts.
 */
import type { Comparator, OrganizationKind, Periodicity, Rollup, ValueKind } from '../lib/enums';

export interface OrganizationSeed {
  /** Stable short kebab-case slug, e.g. "amr", "court", "customs". */
  id: string;
  /** Canonical name as the document writes it in full, e.g. 市市场监管局. */
  name: string;
  nameEn: string;
  kind: OrganizationKind;
  /** Id of the parent organisation, when the document implies one. */
  parentId?: string | null;
  /** Every other spelling the document uses for it (OCR variants, short forms, misprints). */
  aliases: string[];
  /** Why an alias maps here when that is not obvious (e.g. a misprint). */
  note?: string;
  /**
   * Organisations the document counts in this one wherever it is named: 各区人民政府
   * （含开发区、长江新区、风景区管委会，下同） includes the zones' management committees.
   */
  includes?: string[];
}

export interface PlanSeed {
  id: string;
  title: string;
  titleEn: string;
  documentNumber: string; // 武政办〔2024〕89号
  issuer: string;
  signedOn: string; // YYYY-MM-DD
  printedOn: string; // YYYY-MM-DD
  phases: PhaseSeed[];
  sections: SectionSeed[];
  measures: MeasureSeed[];
}

interface PhaseSeed {
  seq: number;
  name: string;
  nameEn: string;
  /** Year-month, inclusive. */
  start: string;
  end: string;
  description: string;
}

interface SectionSeed {
  /** 1..7, the (一)..(七) headings under 二、工作任务. */
  seq: number;
  numeral: string; // 一 … 七
  title: string;
  titleEn: string;
  /** The heading the annex's 工作任务 column uses for this section's tasks. */
  annexCategory: string;
}

interface MeasureSeed {
  /** 1..22 */
  seq: number;
  sectionSeq: number;
  title: string; // e.g. 加强统筹协调
  titleEn: string;
  /** Full text of the measure as written (after the title). */
  text: string;
}

export interface ResponsibleUnitSeed {
  /** The unit exactly as the annex cell writes it (without separators). */
  asWritten: string;
  organizationId: string;
  /** Full-width-parenthesised qualifier, e.g. 含开发区、长江新区、风景区管委会，下同. */
  qualifier?: string | null;
}

export interface TaskSeed {
  /** 序号 1..58 */
  seq: number;
  sectionSeq: number;
  measureSeq: number;
  /** 工作任务 as printed on this row (null when the merged cell left it blank). */
  categoryAsPrinted: string | null;
  /** 工作任务 of the merged cell this row belongs to. */
  category: string;
  /** 具体内容 exactly as written, without the trailing ★. */
  content: string;
  featured: boolean;
  /** 责任单位 cell exactly as written (同上 kept verbatim). */
  responsibleAsWritten: string;
  /** Responsible units in document order, 同上 resolved; the first is the lead unless `leadOrganizationId` says otherwise. */
  responsible: ResponsibleUnitSeed[];
  /** The lead, when the document names it elsewhere than first in the cell (四、保障措施: 由市市场监管局牵头). */
  leadOrganizationId?: string;
  /** Where the document names that lead. */
  leadNote?: string;
  /** 完成时限 as written, e.g. 2025年12月 or 长期坚持. */
  deadlineAsWritten: string;
  /** YYYY-MM, or null when ongoing. */
  deadline: string | null;
  ongoing: boolean;
}

export interface IndicatorSeed {
  /** Stable kebab-case slug, e.g. "high-value-patents-per-10k". */
  id: string;
  /** Name in Chinese, close to the document's wording. */
  name: string;
  nameEn: string;
  /** Unit as the document writes it: 分, 件, %, 天, 家, 次, 人次, 期, 份, 人. */
  unit: string;
  unitEn: string;
  valueKind: ValueKind;
  /** null for a monitoring indicator: a figure an agency reports with no target of its own. */
  comparator: Comparator | null;
  targetValue: number | null;
  /** YYYY-MM the target is due, or null for ongoing ones. */
  deadline: string | null;
  periodicity: Periodicity;
  /** How figures roll up over time. */
  rollup: Rollup;
  /** One of the eight goals of section 一. */
  headline: boolean;
  /** The exact phrase of the document the target comes from (a substring of it). */
  quote: string;
  /** Where the quote is: "goals" (section 一), "measure:N" or "task:N". */
  source: string;
  /** Annex tasks the target belongs to. */
  taskSeqs: number[];
  /** Organisations that report it, first is the principal owner. */
  ownerIds: string[];
  /**
   * For a derived indicator: how it is computed from other indicators' figures, e.g.
   * "[high-value-invention-patents] ÷ [resident-population]". Nobody pushes its figures.
   */
  formula?: string | null;
  /** A relative target written 超 X % (strictly more than): reaching X % exactly does not meet it. */
  strictBound?: boolean;
  /** For an AVERAGE: the indicator whose figures weight each period's value (cases closed weight closure days). */
  weightIndicator?: string;
  /**
   * For a RATIO whose numerators and denominators are not collected: the declared method is
   * the mean of the rates (each KPI says so). Without it, a rate comes as its two parts.
   */
  meanOfRates?: boolean;
}

/** The organisation leading a task: the one the document names as lead, else the first of its cell. */
export function leadOf(task: TaskSeed): string {
  return task.leadOrganizationId ?? task.responsible[0].organizationId;
}

/**
 * A task's responsible units with those the document counts in them: after a unit that
 * includes others (各区人民政府), each included organisation not already listed, as
 * written for the including unit.
 */
export function withIncludedUnits(task: TaskSeed, organizations: OrganizationSeed[]): ResponsibleUnitSeed[] {
  const includes = new Map(organizations.map((o) => [o.id, o.includes ?? []]));
  const listed = new Set(task.responsible.map((u) => u.organizationId));
  const units: ResponsibleUnitSeed[] = [];
  for (const unit of task.responsible) {
    units.push(unit);
    for (const id of includes.get(unit.organizationId) ?? []) {
      if (listed.has(id)) continue;
      listed.add(id);
      units.push({ asWritten: unit.asWritten, organizationId: id, qualifier: '含开发区、长江新区、风景区管委会' });
    }
  }
  return units;
}

/** Id of an annex task in the hub: "T01" … "T58". */
export function taskId(seq: number): string {
  return `T${String(seq).padStart(2, '0')}`;
}
