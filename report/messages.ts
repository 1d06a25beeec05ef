/**
 * The page's words for what the hub answers: every error code (lib/errors.ts) and warning
 * code in Chinese and English, the fields of a figure, and a rejection or failure put as a
 * sentence a clerk can act on. The hub's own English message follows in brackets, as the
 * detail a help desk asks for.
 */

/** Words for each code the hub answers with (errors, rejections, warnings). */
export const CODE_WORDS: Record<string, string> = {
  UNAUTHENTICATED: '未登录或登录已失效 Not signed in, or the sign-in has expired',
  FORBIDDEN: '无权进行此项操作 Not allowed for your account',
  BAD_USER_INPUT: '数据有误 Not valid',
  NOT_FOUND: '找不到 Not found',
  CONFLICT: '与当前状态冲突 Not possible in the current state',
  PERIOD_LOCKED: '该期已锁定 The period is locked',
  SUBMISSION_ACCEPTED: '已审核通过，不能再改 Already accepted in review',
  ENTRY_CLOSED: '该期填报已关闭 Reporting for the period is closed',
  SUBGRAPH_UNAVAILABLE: '部分服务暂时不可用，请稍后再试 Part of the hub is unavailable: try again shortly',
  INTERNAL_SERVER_ERROR: '系统出错，请稍后再试或联系管理员 Something went wrong: try again or ask the administrator',
  DATABASE_UNAVAILABLE: '数据库暂时不可用，请稍后再试 The database is unavailable: try again shortly',
  QUERY_TOO_DEEP: '查询层级过深 The query is nested too deeply',
  QUERY_TOO_COMPLEX: '查询过于复杂 The query asks for too much at once',
  TOO_MANY_ALIASES: '查询别名过多 The query has too many aliases',
  TOO_MANY_DIRECTIVES: '查询指令过多 The query has too many directives',
  TOO_MANY_TOKENS: '查询过长 The query is too long',
  BATCH_TOO_LARGE: '一次提交的数据过多，请分批提交 Too many figures at once: send them in parts',
  PAYLOAD_TOO_LARGE: '提交内容过大 What was sent is too large',
  HEADERS_TOO_LARGE: '请求头过大 The request headers are too large',
  METHOD_NOT_ALLOWED: '不支持该操作 This address cannot be used that way',
  REQUEST_TIMEOUT: '处理超时，请稍后再试 The hub took too long: try again',
  BAD_REQUEST: '请求无效 The request is not valid',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型 This kind of file is not accepted',
  FILE_TOO_LARGE: '文件过大 The file is too large',
  UNREADABLE_FILE: '无法读取该文件 The file cannot be read',
  WEBHOOK_TARGET_FORBIDDEN: '不允许的通知地址 That address may not receive notifications',
  TOO_MANY_WEBHOOKS: '通知地址过多 Too many notification addresses',
  TOO_MANY_REQUESTS: '请求过于频繁，请稍候 Too many requests: wait a moment',
  RENDERER_UNAVAILABLE: '暂时无法生成文档 The document cannot be made just now',
  SIGN_IN_UNAVAILABLE: '统一身份认证平台暂不可用，请稍后重试 The sign-in provider is unavailable for now: try again shortly',
  JOB_ABANDONED:
    '该文件多次导致系统中断，已停止处理，未写入任何数据 The file stopped the hub several times: it is no longer run, and nothing of it was written',
  EXPLANATION_REQUIRED: '需要说明 Needs an explanation',
  IMPLAUSIBLE_JUMP: '与上期相比变化异常 An unusual change from the previous period',
  RECONCILIATION: '与各分期数据不一致 Does not agree with the periods within it',
};

/** Words for the fields of a figure. */
export const FIELD_WORDS: Record<string, string> = {
  indicator: '指标 indicator',
  period: '期间 period',
  breakdown: '分项 breakdown',
  value: '数值 value',
  numerator: '分子 numerator',
  denominator: '分母 denominator',
  status: '状态 status',
  flags: '标记 flags',
  note: '说明 note',
  source: '来源 source',
  organization: '填报单位 organization',
  explanation: '情况说明 explanation',
  reason: '更正原因 reason',
  row: '整行 the row',
};

/** A code in words; one the page does not know yet is shown as it is. */
export const codeWords = (code: string | undefined): string => (code && CODE_WORDS[code]) || code || '';

/** What a clerk is told about a rejected figure: specific where the page knows the case, else the code's words. */
export function rejectionWords(rejection: { code: string; field?: string | null; message: string }): string {
  if (rejection.code === 'EXPLANATION_REQUIRED')
    return `与上期相比变化异常，请说明或更正 · This figure looks implausible against the previous period: explain it or correct it (${rejection.message})`;
  if (rejection.code === 'BAD_USER_INPUT' && rejection.field === 'reason')
    return `这是已确认的最终数据，更正须填写原因 · This figure is FINAL: a correction needs a reason (${rejection.message})`;
  return `${codeWords(rejection.code)} (${rejection.message})`;
}

/** A failure answered by the hub, in words: each error's code in both languages, then its message. */
export function failureWords(errors: Array<{ message: string; extensions?: { code?: string } }>): string {
  return errors
    .map((e) =>
      e.extensions?.code && CODE_WORDS[e.extensions.code] ? `${CODE_WORDS[e.extensions.code]} (${e.message})` : e.message,
    )
    .join('；');
}
