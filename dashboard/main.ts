/**
 * The dashboard page: loads the plan's standing from the public GraphQL API, renders it,
 * and refreshes itself every few seconds (the gateway's DASHBOARD_REFRESH_SECONDS, or
 * ?refresh=N in the URL; 0 turns refreshing off).
 */
import { AuthError, describeErrors, type GraphQLErrorLike, request, storedToken, storeToken, unavailableServices } from './api';
import { byId, show } from '../client/dom';
import { localDate } from './format';
import { bindFilters, effectiveAsOf, fillOptions, readFilters, variables, type Filters } from './filters';
import { withNames } from './names';
import { DASHBOARD, META, type DashboardData, type MetaData } from './queries';
import { askForToken, updateForgetButton } from './render/auth';
import { openDetail } from './render/detail';
import { destroyCharts } from './render/charts';
import { renderAttention, renderCompleteness, renderScoreboard, renderTargets } from './render/lists';
import { renderTasks } from './render/tasks';
import { renderTiles } from './render/tiles';
import { showUnavailable } from './render/unavailable';
import { collapseLongList, type ListNoun } from '../client/collapse';

/** On a phone, the rows each long list shows before its Show all button. */
const PHONE_ROWS = 5;
const LONG_LISTS: Array<[string, ListNoun]> = [
  ['attention', { en: 'targets needing attention', zh: (n) => `${n} 项需关注的目标` }],
  ['completeness', { en: 'organisations', zh: (n) => `${n} 个单位` }],
  ['targets', { en: 'targets', zh: (n) => `${n} 项指标` }],
  ['tasks', { en: 'tasks', zh: (n) => `${n} 项任务` }],
];

function settings(): { refreshSeconds: number; readsRequireToken: boolean } {
  const root = document.documentElement.dataset;
  const fromUrl = new URLSearchParams(location.search).get('refresh');
  const pick = [fromUrl, root.refreshSeconds]
    .map((v) => (v === null || v === undefined || v === '' ? NaN : Number(v)))
    .find((n) => Number.isFinite(n) && n >= 0);
  return { refreshSeconds: pick ?? 30, readsRequireToken: root.readsRequireToken === 'true' };
}

const config = settings();
let filters: Filters = readFilters();
let meta: MetaData | null = null;
/** What the last META answer missed: it is asked again until it answers in full. */
let metaErrors: GraphQLErrorLike[] = [];
let generation = 0;
let loading = false;
let timer: number | undefined;
let lastUpdated: Date | null = null;
let waitingForToken = false;

function schedule(): void {
  window.clearTimeout(timer);
  if (config.refreshSeconds > 0 && !waitingForToken) timer = window.setTimeout(() => void load(), config.refreshSeconds * 1000);
}

function showUpdated(failed: string | null): void {
  const element = byId('updated');
  const every = config.refreshSeconds > 0 ? ` · refreshes every ${config.refreshSeconds} s` : ' · automatic refresh off';
  if (lastUpdated) {
    element.dataset.updatedAt = lastUpdated.toISOString();
    element.textContent = `Updated ${localDate(lastUpdated)} ${lastUpdated.toTimeString().slice(0, 8)}${every}`;
  } else element.textContent = failed ? 'Not loaded' : 'Loading…';
  element.classList.toggle('stale', !!failed);
  if (failed) element.textContent += ` · last refresh failed`;
}

function showError(message: string | null): void {
  const element = byId('error');
  element.textContent = message ?? '';
  show(element, !!message);
}

/** Says which part of the hub is not answering, while the rest is shown. */
function showPartial(errors: GraphQLErrorLike[]): void {
  const element = byId('partial');
  element.textContent = describeErrors(errors) ?? '';
  element.dataset.unavailable = unavailableServices(errors).join(' ');
  show(element, errors.length > 0);
}

function needToken(message: string | null): void {
  waitingForToken = true;
  window.clearTimeout(timer);
  storeToken(null);
  updateForgetButton();
  if (!lastUpdated) byId('updated').textContent = 'Waiting for a token';
  askForToken(message, () => {
    waitingForToken = false;
    void load();
  });
}

/** What reporting completeness counts, in words: its reference date and the recording instant. */
function completenessNote(asOf: string, recordedAsOf: string | null): string {
  return (
    `As of ${asOf}: every period the reporting calendar made due by that day (each a set number of days after it ends), ` +
    `from each indicator's principal owner, with figures as recorded ${recordedAsOf ? `at ${recordedAsOf}` : 'now'}. ` +
    'A report is on time when first recorded by its due date, late when after it, missing when not recorded by the reference date. ' +
    'Open an organisation to see its reports.'
  );
}

function render(data: DashboardData): void {
  const open = (id: string) =>
    void openDetail(byId<HTMLDialogElement>('detail'), id, effectiveAsOf(filters), filters.figures, needToken);
  // A part that is null comes from a subgraph that is not answering: its panel says so.
  const missing = (what: string, container: string, ...notes: string[]) => {
    showUnavailable(byId(container), what);
    for (const note of notes) byId(note).replaceChildren();
  };
  let demo = false;
  if (data.scoreboard) {
    renderScoreboard(byId('scoreboard'), data.scoreboard);
    demo = renderTiles(byId('tiles'), data.scoreboard.headlineGoals, open) || demo;
  } else {
    destroyCharts('tiles');
    missing('Scoreboard', 'scoreboard');
    missing('The eight city goals', 'tiles');
  }
  if (data.attention)
    demo = renderAttention(byId('attention'), byId('attention-note'), data.attention, filters.section, open) || demo;
  else missing('Targets needing attention', 'attention', 'attention-note');
  if (data.targets) demo = renderTargets(byId('targets'), byId('targets-note'), data.targets, filters.section, open) || demo;
  else missing('Targets', 'targets', 'targets-note');
  if (data.reportingCompleteness) {
    renderCompleteness(byId('completeness'), data.reportingCompleteness);
    byId('completeness-note').textContent = completenessNote(effectiveAsOf(filters), data.scoreboard?.recordedAsOf ?? null);
  } else missing('Reporting completeness', 'completeness', 'completeness-note');
  if (data.tasks) renderTasks(byId('tasks'), byId('task-summary'), data.tasks);
  else missing('Tasks', 'tasks', 'task-summary');
  for (const [list, noun] of LONG_LISTS) collapseLongList(byId(list), PHONE_ROWS, noun);
  show(byId('demo-banner'), demo);
  document.body.dataset.demo = String(demo);
}

async function load(): Promise<void> {
  if (waitingForToken) return;
  if (loading) return schedule();
  const mine = ++generation;
  loading = true;
  document.body.dataset.loading = 'true';
  try {
    if (!meta || metaErrors.length > 0) {
      ({ data: meta, errors: metaErrors } = await request(META));
      fillOptions(meta, filters);
      if (meta.plan) {
        byId('plan-title').textContent = meta.plan.title;
        byId('doc-number').textContent = meta.plan.documentNumber;
      }
    }
    const { data, errors } = await request(DASHBOARD, variables(filters));
    if (mine !== generation) return;
    show(byId('main'), true);
    render(withNames(data));
    lastUpdated = new Date();
    showError(null);
    showPartial([...metaErrors, ...errors]);
    showUpdated(null);
    document.body.dataset.asOf = effectiveAsOf(filters);
  } catch (error) {
    if (error instanceof AuthError) return needToken(storedToken() ? `The token was refused: ${error.message}` : null);
    showError(`Could not refresh: ${(error as Error).message}`);
    showUpdated((error as Error).message);
  } finally {
    loading = false;
    if (mine === generation) {
      document.body.dataset.loading = 'false';
      schedule();
    }
  }
}

function reloadNow(): void {
  loading = false;
  generation += 1;
  void load();
}

function start(): void {
  bindFilters(filters, (next) => {
    filters = next;
    reloadNow();
  });
  byId('refresh-now').addEventListener('click', reloadNow);
  byId('forget-token').addEventListener('click', () => needToken(null));
  updateForgetButton();
  if (config.readsRequireToken && !storedToken()) return needToken(null);
  show(byId('main'), true);
  void load();
}

start();
