/**
 * The reporting page at /report: sign in (OpenID Connect, or a personal access token),
 * see what the organisation owes, fill in a period's form (or its Excel template:
 * download it, upload it filled, explain its warnings), submit it, print the receipt;
 * see the state of its submissions; coordinators (and approvers) review the submissions
 * waiting for them, and issue and revoke personal tokens. Only the public GraphQL API is used.
 */
import { collapseLongList } from '../client/collapse';
import { byId, h, show, zh } from '../client/dom';
import { AuthError, call } from './api';
import { downloadTemplate, RefusalError } from './excel';
import { formatDay, formatPeriod } from './format';
import { ReportForm } from './form';
import type { ReportObligationsQuery, ReportViewerQuery, SubmissionFieldsFragment } from './gql/graphql';
import { endProviderSession, finishOidcSignIn, oidcSettings, SignInFailed, startOidcSignIn } from './oidc';
import { ASK_TO_REOPEN, OBLIGATIONS, RECEIPT, VIEWER } from './queries';
import { renderOwed } from './owed';
import { showReopenRequests } from './reopen-requests';
import { type ReceiptData, renderReceipt } from './receipt';
import { ownSubmissions, ReviewQueue } from './review';
import { currentToken, keepToken } from './session';
import { showTokens } from './tokens';
import { UploadView } from './upload-view';

type Viewer = NonNullable<ReportViewerQuery['viewer']>;
type Obligation = NonNullable<ReportObligationsQuery['obligations']>[number];

const PANELS = ['sign-in', 'owe', 'review', 'reopen', 'form-panel', 'upload', 'receipt', 'tokens'];
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
  // A skip link for each panel shown, none to a hidden one.
  for (const link of document.querySelectorAll<HTMLAnchorElement>('.skip-links a[data-panel]'))
    link.hidden = !visible.includes(link.dataset.panel ?? '');
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
  for (const id of [
    'owe-list',
    'review-list',
    'reopen-list',
    'form-rows',
    'upload-problems',
    'receipt-facts',
    'receipt-figures',
    'token-list',
  ])
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
  const roles = viewer!.roles;
  const own = viewer!.organization !== null && viewer!.organization !== undefined;
  renderOwed(byId('owe-list'), obligations, submitted, {
    canReport: own && roles.some((r) => r === 'reporter' || r === 'coordinator' || r === 'admin'),
    canAsk: own && roles.some((r) => r === 'reporter' || r === 'approver'),
    fill: (period) => void openForm(period, submitted.get(period)).catch(fail),
    ask: async (submission, reason) => {
      await call(ASK_TO_REOPEN, { id: submission.id, reason });
      await showObligations();
      byId('owe-list').querySelector<HTMLElement>(`li[data-period="${submission.period}"] .reopen-asked`)?.focus();
    },
  });
  collapseLongList(byId('owe-list'), 3, { en: 'periods', zh: (n) => `${n} 期` });
  const privileged = viewer!.roles.some((r) => r === 'coordinator' || r === 'admin');
  const reviewer = privileged || viewer!.roles.includes('approver');
  const asked = privileged && (await showReopenRequests(byId('reopen-list'), () => void showObligations().catch(fail), fail));
  only('owe', ...(reviewer ? ['review'] : []), ...(asked ? ['reopen'] : []), ...(privileged ? ['tokens'] : []));
  if (reviewer)
    await new ReviewQueue(
      byId('review-list'),
      byId('review-note'),
      privileged ? 'coordinator' : 'approver',
      fail,
      byId<HTMLFormElement>('review-filters'),
    ).load();
  if (privileged)
    await showTokens(
      {
        form: byId<HTMLFormElement>('issue-form'),
        organization: byId<HTMLSelectElement>('issue-org'),
        issued: byId('issued'),
        list: byId('token-list'),
      },
      fail,
    );
}

/** The form of a period; a returned report opens with what was submitted and the coordinator's comment. */
async function openForm(period: string, submission?: SubmissionFieldsFragment): Promise<void> {
  const indicators = obligations.filter((o) => o.period === period && o.indicator).map((o) => o.indicator!);
  byId('form-title').replaceChildren(`${formatPeriod(period)}填报 `, h('span', { class: 'en' }, `Report for ${period}`));
  form = new ReportForm(period, indicators, byId('form-rows'), byId('draft-note'), byId('form-errors'));
  await form.open(viewer!.organization?.id ?? '', submission?.state === 'RETURNED' ? submission.comment : null);
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
  byId('sign-out').addEventListener('click', () => {
    const token = currentToken();
    signIn();
    endProviderSession(token);
  });
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
  // Back from the provider without a sign-in: the sign-in panel, with the reason.
  .catch((error: unknown) => (error instanceof SignInFailed ? signIn(error.message) : fail(error)));
