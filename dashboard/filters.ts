/**
 * The filters: section (1–7), organisation, as-of date and the figures counted (all
 * reported, or accepted only; by default the hub's KPI_FIGURES). They live in the URL
 * (?section=2&org=court&asOf=2025-12-31&figures=ACCEPTED) so a view can be shared and reloaded.
 */
import { byId, h } from '../client/dom';
import { localDate } from './format';
import type { DashboardVariables, FigureRule, MetaData, Named } from './queries';

export interface Filters {
  section: number | null;
  org: string | null;
  /** YYYY-MM-DD; null: today. */
  asOf: string | null;
  /** Which figures count; null: the hub's setting (KPI_FIGURES). */
  figures: FigureRule | null;
}

const FIGURE_RULES: readonly FigureRule[] = ['ALL', 'ACCEPTED'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readFilters(search = location.search): Filters {
  const params = new URLSearchParams(search);
  const section = Number(params.get('section'));
  const asOf = params.get('asOf');
  const figures = params.get('figures')?.toUpperCase() as FigureRule | undefined;
  return {
    figures: figures && FIGURE_RULES.includes(figures) ? figures : null,
    section: Number.isInteger(section) && section >= 1 && section <= 7 ? section : null,
    org: params.get('org') || null,
    asOf: asOf && DATE.test(asOf) ? asOf : null,
  };
}

/** The date the views are evaluated as of. */
export const effectiveAsOf = (filters: Filters): string => filters.asOf ?? localDate();

function writeUrl(filters: Filters): void {
  const params = new URLSearchParams(location.search);
  const set = (key: string, value: string | null) => (value === null ? params.delete(key) : params.set(key, value));
  set('section', filters.section === null ? null : String(filters.section));
  set('org', filters.org);
  set('asOf', filters.asOf);
  set('figures', filters.figures);
  const query = params.toString();
  history.replaceState(null, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
}

/** Fills the selects from the plan's sections and the organisations, keeping the current choice. */
export function fillOptions(meta: MetaData, filters: Filters): void {
  const section = byId<HTMLSelectElement>('filter-section');
  section.replaceChildren(
    h('option', { value: '' }, 'All sections'),
    ...(meta.sections ?? []).map((s) => h('option', { value: s.seq }, `（${s.numeral}）${s.title} · ${s.titleEn}`)),
  );
  section.value = filters.section === null ? '' : String(filters.section);
  const collator = new Intl.Collator('zh-CN');
  const organizations: Named[] = [...(meta.organizations ?? [])].sort((a, b) => collator.compare(a.name, b.name));
  // The organisations are unavailable: the chosen one stays, named by its id.
  if (!meta.organizations && filters.org) organizations.push({ id: filters.org, name: filters.org });
  const org = byId<HTMLSelectElement>('filter-org');
  org.replaceChildren(
    h('option', { value: '' }, 'All organisations'),
    ...organizations.map((o) => h('option', { value: o.id }, o.nameEn ? `${o.name} · ${o.nameEn}` : o.name)),
  );
  org.value = filters.org ?? '';
  if (filters.org && org.value !== filters.org) org.value = '';
}

/** Wires the form: every change updates the URL and calls `changed` with the new filters. */
export function bindFilters(initial: Filters, changed: (filters: Filters) => void): void {
  let filters = { ...initial };
  const section = byId<HTMLSelectElement>('filter-section');
  const org = byId<HTMLSelectElement>('filter-org');
  const asOf = byId<HTMLInputElement>('filter-asof');
  const figures = byId<HTMLSelectElement>('filter-figures');
  asOf.value = effectiveAsOf(filters);
  figures.value = filters.figures ?? '';
  const update = (next: Partial<Filters>) => {
    filters = { ...filters, ...next };
    asOf.value = effectiveAsOf(filters);
    writeUrl(filters);
    changed({ ...filters });
  };
  section.addEventListener('change', () => update({ section: section.value ? Number(section.value) : null }));
  org.addEventListener('change', () => update({ org: org.value || null }));
  figures.addEventListener('change', () => update({ figures: (figures.value || null) as FigureRule | null }));
  asOf.addEventListener('change', () => {
    if (DATE.test(asOf.value)) update({ asOf: asOf.value === localDate() ? null : asOf.value });
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-asof]')) {
    button.addEventListener('click', () =>
      update({ asOf: button.dataset.asof === 'today' ? null : (button.dataset.asof ?? null) }),
    );
  }
  byId('filters').addEventListener('submit', (event) => event.preventDefault());
}

/** The GraphQL variables of the dashboard query. */
export function variables(filters: Filters): DashboardVariables {
  const tasks: NonNullable<DashboardVariables['tasks']> = {};
  if (filters.section !== null) tasks.section = filters.section;
  if (filters.org) tasks.organizationId = filters.org;
  return { asOf: effectiveAsOf(filters), ownerId: filters.org, orgId: filters.org, tasks, figures: filters.figures };
}
