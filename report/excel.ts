/**
 * Reporting with Excel from the page, over the gateway's Excel endpoints with the
 * signed-in person's token: the template of a period fetched and saved as a file
 * (GET /report/template.xlsx), and a filled file sent back as that period's report
 * (POST /report/upload.xlsx or .csv with `period`), checked first (a dry run) and then
 * landed, with the explanations typed in the page beside it (a multipart form: the part
 * `file` and the part `explanations`, sheet row → text). A refusal comes back as words,
 * in Chinese and English, never as the gateway's JSON.
 */
import { h } from '../client/dom';
import { AuthError } from './api';
import { currentToken } from './session';

/** A rejection or warning of an upload, by its sheet cell. */
export interface UploadProblem {
  row: number;
  column: string | null;
  cell: string | null;
  field: string | null;
  code: string;
  message: string;
}

/** What the upload endpoint answers (gateway/upload-summary.ts). */
export interface UploadAnswer {
  dryRun: boolean;
  format: string;
  sheet: string | null;
  period: string | null;
  rows: number;
  unfilled: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  skipped: number;
  replayed: boolean;
  rejections: UploadProblem[];
  rejectionsOmitted: number;
  warnings: UploadProblem[];
  warningsOmitted: number;
  problemRows: Array<{ row: number; indicator: string; period: string; breakdown: string }>;
  receipt: { id: string } | null;
}

/** The gateway refused a request: `message` says why, in words. */
export class RefusalError extends Error {}

const REFUSALS: Record<string, string> = {
  BAD_USER_INPUT: '文件或请求有误 The file or the request is not right',
  UNREADABLE_FILE: '无法读取该文件 The file cannot be read',
  FILE_TOO_LARGE: '文件太大 The file is too large',
  PAYLOAD_TOO_LARGE: '文件太大 The file is too large',
  FORBIDDEN: '无权操作 Not allowed',
  NOT_FOUND: '找不到 Not found',
  CONFLICT: '与先前的提交冲突 It conflicts with an earlier submission',
  REQUEST_TIMEOUT: '处理超时，请再试一次 It took too long: try again',
  DATABASE_UNAVAILABLE: '服务暂时不可用，请稍后再试 The hub is unavailable for a moment: try again',
};

/** The refusal an answer that is not 2xx stands for: an AuthError for a refused token, else words. */
async function refusal(response: Response): Promise<Error> {
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ message?: string; extensions?: { code?: string } }>;
  } | null;
  const error = body?.errors?.[0];
  const code = error?.extensions?.code ?? '';
  if (response.status === 401 || code === 'UNAUTHENTICATED') return new AuthError(error?.message ?? 'the token was refused');
  const words = REFUSALS[code] ?? `服务器拒绝了请求 The hub refused the request (HTTP ${response.status})`;
  return new RefusalError(error?.message ? `${words}：${error.message}` : words);
}

/** A request with the signed-in person's token; a network failure is a refusal in words. */
async function send(url: string, init: RequestInit): Promise<Response> {
  const token = currentToken();
  try {
    return await fetch(url, {
      ...init,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new RefusalError('无法连接服务器，请检查网络后再试 The hub cannot be reached: check the connection and try again');
  }
}

/** The file name a Content-Disposition header gives (filename*=UTF-8''… or filename="…"), without any folder. */
function fileName(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  let name = plain?.[1] ?? null;
  if (encoded) {
    try {
      name = decodeURIComponent(encoded[1]);
    } catch {
      // The plain name, if any.
    }
  }
  return name?.replace(/^.*[\\/]/, '').trim() || null;
}

/**
 * Fetches the template of `period` (of `organization`, else the signed-in one's) and saves
 * it as a file; answers the file's name.
 */
export async function downloadTemplate(period: string, organization: string | null): Promise<string> {
  const query = new URLSearchParams({ period, ...(organization ? { organization } : {}) });
  const response = await send(`/report/template.xlsx?${query}`, { method: 'GET' });
  if (!response.ok) throw await refusal(response);
  const name = fileName(response.headers.get('content-disposition')) ?? `ipzone-${organization ?? 'report'}-${period}.xlsx`;
  const url = URL.createObjectURL(await response.blob());
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Kept a while: the browser reads the file after the click.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}

/** An .xlsx workbook starts as every zip file does; anything else goes as CSV. */
async function formatOf(file: File): Promise<'xlsx' | 'csv'> {
  const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  return head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 ? 'xlsx' : 'csv';
}

/** Sends `file` as the report of `period`: checked only (`dryRun`), or landed; with the explanations by sheet row. */
export async function sendReportFile(
  file: File,
  period: string,
  explanations: Map<number, string>,
  dryRun: boolean,
): Promise<UploadAnswer> {
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('explanations', JSON.stringify(Object.fromEntries(explanations)));
  const query = new URLSearchParams({ dryRun: String(dryRun), period });
  const response = await send(`/report/upload.${await formatOf(file)}?${query}`, { method: 'POST', body: form });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as UploadAnswer;
}
