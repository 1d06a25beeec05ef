/**
 * The reporting page at /report: sign in (OpenID Connect, or a personal access token),
 * see what the organisation owes, fill in a period's form (or its Excel template:
 * download it, upload it filled, explain its warnings), submit it, print the receipt;
 * see the state of its submissions; coordinators (and approvers) review the submissions
 * waiting for them, and issue and revoke personal tokens. Only the public GraphQL API is used.
 */
import { byId, h, show, zh } from '../client/dom';
import { AuthError, call } from './api';
import { downloadTemplate, RefusalError } from './excel';
import { daysText, formatDay, formatNumber, formatPeriod, STATES } from './format';
import { ReportForm } from './form';
import type { ReportObligationsQuery, ReportViewerQuery } from './gql/graphql';
import { finishOidcSignIn, oidcSettings, startOidcSignIn } from './oidc';
import { OBLIGATIONS, RECEIPT, VIEWER } from './queries';
import { type ReceiptData, renderReceipt } from './receipt';
import { ownSubmissions, ReviewQueue, submissionState } from './review';
import { keepToken } from './session';
import { showTokens } from './tokens';
import { UploadView } from './upload-view';

type Viewer = NonNullable<ReportViewerQuery['viewer']>;
type Obligation = NonNullable<ReportObligationsQuery['obligations']>[number];

const PANELS = ['sign-in', 'owe', 'review', 'form-panel', 'upload', 'receipt', 'tokens'];
/** How often the page asks who it is signed in as: a revoked token is noticed within this time. */
const CHECK_SECONDS = 20;

/** The page's URL parameters, read once signing in has put back the URL it started from. */
let params = new URLSearchParams(location.search);
let asOf: string | undefined;
let viewer: Viewer | null = null;
let obligations: Obligation[] = [];
let form: ReportForm | null = null;
let upload: UploadView | null = null;

function only(...visible: string[]): void {
  for (const id of PANELS) show(byId(id), visible.includes(id));
}

function fail(error: unknown): void {
  if (error instanceof AuthError) return signIn(`登录已失效，请重新登录 · Please sign in again: ${error.message}`);
  const banner = byId('error');
  banner.hidden = false;
  banner.textContent = (error as Error).message;
}

function signIn(message?: string): void {
  viewer = null;
  keepToken(null);
  byId('who').textContent = '未登录 Not signed in';
  show(byId('sign-out'), false);
  for (const id of ['owe-list', 'review-list', 'form-rows', 'upload-problems', 'receipt-facts', 'receipt-figures', 'token-list'])
    byId(id).replaceChildren();
  byId('issued').hidden = true;
  const note = byId('sign-in-message');
  note.hidden = !message;
  note.textContent = message ?? '';
  show(byId('oidc'), oidcSettings() !== null);
  only('sign-in');
}

async function start(): Promise<void> {
  params = new URLSearchParams(location.search);
  asOf = params.get('asOf') ?? undefined;
  const { viewer: found } = await call(VIEWER);
  if (!found) return signIn();
  viewer = found;
  byId('who').replaceChildren(zh(found.subject), ` · ${found.organization?.name ?? ''} · ${found.roles.join(', ')}`);
  show(byId('sign-out'), true);
  const receiptId = params.get('receipt');
  if (receiptId) return openReceipt(receiptId);
  await showObligations();
}

async function showObligations(): Promise<void> {
  obligations = (await call(OBLIGATIONS, { asOf })).obligations ?? [];
  const submitted = viewer!.organization ? await ownSubmissions(viewer!.organization.id) : new Map<string, never>();
  const open = obligations.filter((o) => o.state !== 'REPORTED');
  byId('owe-note').textContent =
    `${viewer!.organization?.name ?? ''}：${open.length} 项待报 · ${open.length} reports open` +
    (asOf ? ` · 截至 as of ${formatDay(asOf)}` : '');
  const periods = [...new Set(obligations.map((o) => o.period))].sort().reverse();
  byId('owe-list').replaceChildren(
    ...periods.map((period) => {
      const rows = obligations.filter((o) => o.period === period);
      const worst = ['OVERDUE', 'DUE', 'COMING', 'REPORTED'].find((s) => rows.some((r) => r.state === s))!;
      const state = STATES[worst];
      return h(
        'li',
        { class: 'row owed', 'data-period': period },
        h(
          'div',
          { class: 'row-main' },
          h('strong', {}, `${formatPeriod(period)} `, h('span', { class: 'en' }, period)),
          h('span', { class: `badge tone-${state.tone}` }, `${state.zh} ${state.en}`),
          h('p', { class: 'small' }, `截止 Due ${formatDay(rows[0].due)} · ${daysText(rows[0].daysLeft)}`),
          submitted.has(period) ? submissionState(submitted.get(period)!) : null,
          h(
            'ul',
            { class: 'small plain' },
            rows.map((r) => {
              const last = r.indicator?.series.filter((p) => p.period < period && p.period.length === period.length).at(-1);
              return h(
                'li',
                {},
                zh(r.indicator?.name ?? '—'),
                ` · ${STATES[r.state].zh} ${STATES[r.state].en}`,
                last ? ` · 上期 previous ${formatNumber(last.value)}` : '',
              );
            }),
          ),
        ),
        h(
          'button',
          { type: 'button', class: 'button primary', onclick: () => void openForm(period).catch(fail) },
          `填报 Fill in ${period}`,
        ),
      );
    }),
  );
  const privileged = viewer!.roles.some((r) => r === 'coordinator' || r === 'admin');
  const reviewer = privileged || viewer!.roles.includes('approver');
  only('owe', ...(reviewer ? ['review'] : []), ...(privileged ? ['tokens'] : []));
  if (reviewer)
    await new ReviewQueue(byId('review-list'), byId('review-note'), privileged ? 'coordinator' : 'approver', fail).load();
  if (privileged)
    await showTokens({
      form: byId<HTMLFormElement>('issue-form'),
      organization: byId<HTMLSelectElement>('issue-org'),
      issued: byId('issued'),
      list: byId('token-list'),
    });
}

async function openForm(period: string): Promise<void> {
  const indicators = obligations.filter((o) => o.period === period && o.indicator).map((o) => o.indicator!);
  byId('form-title').replaceChildren(`${formatPeriod(period)}填报 `, h('span', { class: 'en' }, `Report for ${period}`));
  form = new ReportForm(period, indicators, byId('form-rows'), byId('draft-note'), byId('form-errors'));
  await form.open(viewer!.organization?.id ?? '');
  excelStatus('');
  byId<HTMLInputElement>('upload-file').value = '';
  history.replaceState(null, '', `?${new URLSearchParams({ ...(asOf ? { asOf } : {}), period })}`);
  only('form-panel');
  byId('form-rows').querySelector<HTMLInputElement>('input')?.focus();
}

/** The names of the indicators owed, by id. */
const indicatorNames = () => new Map(obligations.map((o) => [o.indicator?.id ?? '', o.indicator?.name ?? '']));

/** A line under the Excel buttons: what happened, or (an alert) what went wrong. */
function excelStatus(text: string, problem = false): void {
  const status = byId('excel-status');
  status.setAttribute('role', problem ? 'alert' : 'status');
  status.classList.toggle('error', problem);
  status.textContent = text;
}

/** A refusal of the Excel endpoints is shown in words under the buttons; anything else as every failure is. */
function excelFailed(error: unknown): void {
  if (error instanceof RefusalError) excelStatus(error.message, true);
  else fail(error);
}

async function download(): Promise<void> {
  if (!form) return;
  excelStatus('正在下载模板… Downloading the template…');
  const name = await downloadTemplate(form.period, viewer?.organization?.id ?? null);
  excelStatus(`已下载 ${name} · Downloaded ${name}`);
}

/** A file chosen: checked as the report of the period on screen, and the check shown. */
async function checkFile(file: File): Promise<void> {
  if (!form) return;
  excelStatus(`正在核对 ${file.name}… Checking ${file.name}…`);
  upload = new UploadView(form.period, file, indicatorNames(), {
    note: byId('upload-note'),
    counts: byId('upload-counts'),
    errors: byId('upload-errors'),
    problems: byId('upload-problems'),
    submit: byId<HTMLButtonElement>('upload-submit'),
  });
  await upload.check();
  excelStatus('');
  only('upload');
  byId('upload-title').focus();
}

function showReceipt(receipt: ReceiptData): void {
  const names = indicatorNames();
  renderReceipt(receipt, byId('receipt-facts'), byId('receipt-figures'), names);
  history.replaceState(null, '', `?receipt=${receipt.id}`);
  only('receipt');
  byId('receipt-title').focus();
}

async function openReceipt(id: string): Promise<void> {
  const { receipt } = await call(RECEIPT, { id });
  if (!receipt) throw new Error(`没有回执 ${id} · No receipt ${id}`);
  showReceipt(receipt);
}

function wire(): void {
  byId<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = byId<HTMLInputElement>('token-input');
    keepToken(input.value.trim());
    input.value = '';
    start().catch(fail);
  });
  byId('oidc-sign-in').addEventListener('click', () => void startOidcSignIn().catch(fail));
  byId('sign-out').addEventListener('click', () => signIn());
  byId<HTMLFormElement>('report-form').addEventListener('submit', (event) => {
    event.preventDefault();
    form
      ?.submit()
      .then((receipt) => receipt && showReceipt(receipt))
      .catch(fail);
  });
  byId('back').addEventListener('click', () => void showObligations().catch(fail));
  byId('template-download').addEventListener('click', () => void download().catch(excelFailed));
  byId<HTMLInputElement>('upload-file').addEventListener('change', (event) => {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (file)
      void checkFile(file).catch((error: unknown) => {
        // Cleared, so that choosing the same file again (mended) checks it again.
        byId<HTMLInputElement>('upload-file').value = '';
        excelFailed(error);
      });
  });
  byId('upload-submit').addEventListener('click', () => {
    upload
      ?.submit()
      .then((id) => (id ? openReceipt(id) : undefined))
      .catch(fail);
  });
  byId('upload-back').addEventListener('click', () => {
    byId<HTMLInputElement>('upload-file').value = '';
    only('form-panel');
    byId('upload-file').focus();
  });
  byId('receipt-back').addEventListener('click', () => {
    history.replaceState(null, '', asOf ? `?asOf=${asOf}` : location.pathname);
    void showObligations().catch(fail);
  });
  byId('print').addEventListener('click', () => window.print());
  byId('receipt-title').tabIndex = -1;
  // A token revoked or expired meanwhile: the page notices it and asks to sign in again.
  window.setInterval(() => {
    if (viewer) call(VIEWER).catch(fail);
  }, CHECK_SECONDS * 1000);
}

wire();
finishOidcSignIn()
  .then(() => start())
  .catch(fail);
