/**
 * The briefing as one HTML document laid out for A4 (gateway/briefing.css): a cover with
 * the plan, the reference date, the vintage and the figure rule; the eight goals; the
 * targets off track or at risk; reporting completeness by agency; tasks overdue by lead
 * agency; the method and the demo or estimated figures. A pure function of the hub's
 * answer and the axes: no clock, no randomness, lists in a fixed order, no script.
 */
import type { AttentionKpi, BriefingData, Completeness, FigureNote, GoalKpi, Kpi, Named, OverdueTask } from './briefing-data';
import {
  beijingTime,
  compare,
  documentOrder,
  escapeHtml as h,
  FIGURE_RULE,
  KPI_STATUS,
  number,
  percent,
  signed,
  sparkline,
  TASK_STATUS,
  targetText,
  utcDay,
  withUnit,
} from './briefing-format';
import { markedFigures, methodSection } from './briefing-method';

export interface BriefingMeta {
  asOf: string;
  recordedAsOf: string;
  figureRule: string;
  documentId: string;
  /** The stylesheet's URL. */
  stylesheet: string;
}

type Names = (id: string | undefined | null) => Named | undefined;

const bi = (zh: string, en: string) => `<span class="zh">${h(zh)}</span> <span class="en">${h(en)}</span>`;
const status = (code: string) => {
  const s = KPI_STATUS[code] ?? { zh: code, en: code, tone: 'none' };
  return `<span class="status ${s.tone}" data-status="${h(code)}">${h(s.zh)} ${h(s.en)}</span>`;
};
const ownerNames = (names: Names, owners: Array<{ id: string } | null> | null) =>
  (owners ?? []).map((o) => names(o?.id)?.name ?? o?.id ?? '—').join('、') || '—';
const coverage = (k: Kpi) => {
  const parts = [k.coverage === null ? '—' : percent(k.coverage)];
  if (k.missingPeriods.length) parts.push(`缺 missing ${k.missingPeriods.join(', ')}`);
  return parts.join(' · ');
};
const demoMark = (demo: boolean) => (demo ? ' <span class="demo">演示 Demo</span>' : '');
const asOfLine = (m: BriefingMeta) =>
  `<p class="as-of">截至 As of ${h(m.asOf)} · 数据版本 Vintage ${h(m.recordedAsOf)} · ${h(m.figureRule)}</p>`;

function cover(data: BriefingData, m: BriefingMeta): string {
  const rule = FIGURE_RULE[m.figureRule] ?? { zh: m.figureRule, en: m.figureRule };
  const { headline, targets } = data.scoreboard;
  const keys = ['achieved', 'onTrack', 'atRisk', 'offTrack', 'incomplete', 'noData', 'noBaseline'] as const;
  const codes = ['ACHIEVED', 'ON_TRACK', 'AT_RISK', 'OFF_TRACK', 'INCOMPLETE', 'NO_DATA', 'NO_BASELINE'];
  const row = (label: string, counts: typeof headline) =>
    `<tr><td class="head">${label}</td><td>${counts.total}</td>${keys.map((k) => `<td>${counts[k]}</td>`).join('')}</tr>`;
  return `<section class="cover">
  <p class="eyebrow">${h(data.plan.documentNumber)} · ${h(data.plan.issuer)}</p>
  <h1><span class="zh">${h(data.plan.title)}</span><span class="en">${h(data.plan.titleEn)}</span></h1>
  <p class="kind">${bi('协调会议简报', 'Briefing for the coordinating meeting')}</p>
  <dl class="axes">
    <div><dt>${bi('截至日期', 'Reference date')}</dt><dd class="big">${h(m.asOf)}</dd>
      <dd class="note">截至当日已结束的统计期计入。Periods ended by this day count.</dd></div>
    <div><dt>${bi('数据版本', 'Vintage')}</dt><dd class="big">${h(m.recordedAsOf)}</dd>
      <dd class="note">北京时间 ${h(beijingTime(m.recordedAsOf))}。按此刻记录的数据，此后的修订不计入。Figures as recorded at this instant; later revisions are not counted.</dd></div>
    <div><dt>${bi('计入数据', 'Figure rule')}</dt><dd class="big">${h(m.figureRule)}</dd><dd class="note">${h(rule.zh)}。${h(rule.en)}.</dd></div>
    <div><dt>${bi('文档编号', 'Document id')}</dt><dd><code>${h(m.documentId)}</code></dd>
      <dd class="note">截至日期、数据版本与计入规则的散列：相同参数得到相同内容。The hash of the three above: the same ones always give the same briefing.</dd></div>
  </dl>
  ${
    markedFigures(data, m.asOf).some((i) => i.demo.length > 0)
      ? `<p class="demo-banner"><span class="demo">演示 Demo</span> 本简报计入了合成的演示数据（见第五部分），并非统计数据。This briefing counts synthetic demo figures (listed in section 五), not reported statistics.</p>`
      : ''
  }
  <table class="counts">
    <thead><tr><td></td><td>合计 Total</td>${codes.map((c) => `<td>${h(KPI_STATUS[c].zh)}<br/>${h(KPI_STATUS[c].en)}</td>`).join('')}</tr></thead>
    <tbody>${row(bi('八项工作目标', 'City goals'), headline)}${row(bi('全部指标', 'All targets'), targets)}</tbody>
  </table>
  <ol class="contents">
    <li>${bi('八项工作目标', 'The eight city goals')}</li><li>${bi('未达成或存在风险的指标', 'Targets off track or at risk')}</li>
    <li>${bi('各单位数据报送情况', 'Reporting completeness by agency')}</li><li>${bi('逾期任务', 'Tasks overdue by lead agency')}</li>
    <li>${bi('方法说明与演示、估算数据', 'Method, and demo or estimated figures')}</li>
  </ol>
</section>`;
}

function goals(data: BriefingData, m: BriefingMeta, names: Names): string {
  const card = (g: GoalKpi) => {
    const series = [...g.indicator.series].sort((a, b) => compare(a.periodEnd, b.periodEnd));
    const values = series.map((p) => p.value);
    const unit = g.indicator.unit;
    const axis = series.length
      ? `<p class="axis"><span>${h(series[0].period)}</span><span>${h(series[series.length - 1].period)}</span></p>`
      : `<p class="axis">${bi('无数据', 'No figures')}</p>`;
    return `<article class="goal" data-indicator="${h(g.indicator.id)}" data-status="${h(g.status)}">
    <div class="goal-text">
      <h3 class="goal-line"><span class="zh">${h(g.indicator.name)}</span> <span class="goal-value">${h(withUnit(g.actual, unit))}</span> ${status(g.status)}${demoMark(g.demo)}</h3>
      <p class="goal-en">${h(g.indicator.nameEn)} · ${h(ownerNames(names, g.indicator.owners))}</p>
      <p class="goal-facts"><span class="fact">${bi('目标', 'Target')} ${h(targetText(g.comparator, g.targetValue, unit, g.effectiveTarget))}</span>
        <span class="fact">${bi('窗口', 'Window')} ${h(g.window)}</span><span class="fact">${bi('覆盖', 'Coverage')} ${h(coverage(g))}</span></p>
    </div>
    <div class="goal-chart">${sparkline(values, g.effectiveTarget, `${g.indicator.nameEn}: ${values.map(number).join(', ')}`)}${axis}</div>
  </article>`;
  };
  return `<section class="goals"><h2>一、${bi('八项工作目标', 'The eight city goals')}</h2>${asOfLine(m)}
  ${documentOrder(data.scoreboard.headlineGoals).map(card).join('')}
  <p class="note">走势：各统计期数值，虚线为目标值。Trend: each period's value; the dashed line is the target.
    覆盖：窗口内已报送月份占比。Coverage: the share of the window's months the figures counted cover.</p>
</section>`;
}

/** The latest explanation the reporters gave for a figure counted by the reference date (else the latest note). */
export function latestExplanation(
  figures: FigureNote[],
  asOf: string,
): { kind: 'explanation' | 'note'; figure: FigureNote } | null {
  const counted = figures.filter((f) => f.periodEnd <= asOf);
  const latest = (list: FigureNote[]) =>
    [...list].sort(
      (a, b) => compare(b.periodEnd, a.periodEnd) || compare(b.recordedAt, a.recordedAt) || compare(a.breakdown, b.breakdown),
    )[0];
  const explained = counted.filter((f) => f.explanation?.trim());
  if (explained.length) return { kind: 'explanation', figure: latest(explained) };
  const noted = counted.filter((f) => f.note?.trim());
  return noted.length ? { kind: 'note', figure: latest(noted) } : null;
}

const SEVERITY: Record<string, number> = { OFF_TRACK: 0, AT_RISK: 1 };

function attention(data: BriefingData, m: BriefingMeta, names: Names): string {
  const card = (k: AttentionKpi) => {
    const unit = k.indicator.unit;
    const said = latestExplanation(k.indicator.figures, m.asOf);
    const saidText = said
      ? `<span class="label">${said.kind === 'explanation' ? bi('说明', 'Explanation') : bi('备注', 'Note')}</span>
         “${h(said.kind === 'explanation' ? said.figure.explanation : said.figure.note)}”
         <span class="by">— ${h(names(said.figure.organization?.id)?.name ?? said.figure.organization?.id ?? '—')}，${h(said.figure.period)}${said.figure.breakdown ? ` ${h(said.figure.breakdown)}` : ''}，${h(utcDay(said.figure.recordedAt))}</span>`
      : `<span class="label">${bi('说明', 'Explanation')}</span> <span class="none">报送单位未作说明。No explanation given.</span>`;
    const tasks = (k.indicator.tasks ?? []).filter((t): t is { id: string; content: string } => !!t);
    return `<article class="target" data-indicator="${h(k.indicator.id)}" data-status="${h(k.status)}">
    <header><h3>${bi(k.indicator.name, k.indicator.nameEn)}</h3>${status(k.status)}</header>
    <dl class="facts">
      <div><dt>${bi('责任单位', 'Owner')}</dt><dd>${h(ownerNames(names, k.indicator.owners))}</dd></div>
      <div><dt>${bi('实际', 'Actual')}</dt><dd>${h(withUnit(k.actual, unit))} <span class="window">(${h(k.window)})</span>${demoMark(k.demo)}</dd></div>
      <div><dt>${bi('目标', 'Target')}</dt><dd>${h(targetText(k.comparator, k.targetValue, unit, k.effectiveTarget))}</dd></div>
      <div><dt>${bi('差距', 'Gap')}</dt><dd>${h(signed(k.gap, unit))}</dd></div>
      <div><dt>${bi('预测', 'Projection')}</dt><dd>${h(withUnit(k.projected, unit))} <span class="window">@ ${h(k.windowEnd)}</span></dd></div>
      <div><dt>${bi('覆盖', 'Coverage')}</dt><dd>${h(coverage(k))}</dd></div>
    </dl>
    <p class="reason">${h(k.reason)}${k.projectionMethod ? ` <span class="method">(${h(k.projectionMethod)})</span>` : ''}</p>
    <p class="explanation">${saidText}</p>
    <p class="task"><span class="label">${bi('所属任务', 'Task')}</span> ${
      tasks.map((t) => `<span class="task-id">${h(t.id)}</span> ${h(t.content)}`).join('<br/>') ||
      (k.indicator.headline ? bi('一、工作目标（全市目标）', 'A city goal of section 一') : '—')
    }</p>
  </article>`;
  };
  const list = [...data.attention].sort(
    (a, b) => (SEVERITY[a.status] ?? 9) - (SEVERITY[b.status] ?? 9) || compare(a.indicator.id, b.indicator.id),
  );
  return `<section class="attention"><h2>二、${bi('未达成或存在风险的指标', 'Targets off track or at risk')}</h2>${asOfLine(m)}
  ${list.length ? list.map(card).join('') : `<p class="empty">${bi('无。', 'None.')}</p>`}
</section>`;
}

function completeness(data: BriefingData, m: BriefingMeta, names: Names): string {
  const rows = data.completeness
    .filter((c) => c.expected > 0)
    .sort((a, b) => b.missing - a.missing || b.late - a.late || compare(a.organization?.id ?? '', b.organization?.id ?? ''));
  const row = (c: Completeness) => {
    const org = names(c.organization?.id);
    const owed = new Map<string, { name: string; periods: string[] }>();
    for (const r of [...c.reports].sort((a, b) => compare(a.due, b.due))) {
      if (r.status !== 'MISSING') continue;
      const id = r.indicator?.id ?? '';
      const entry = owed.get(id) ?? { name: r.indicator?.name ?? '—', periods: [] };
      entry.periods.push(r.period);
      owed.set(id, entry);
    }
    const missing = [...owed]
      .sort(([a], [b]) => compare(a, b))
      .map(([, o]) => `<span class="owed-item">${h(o.name)} <span class="due">${h(o.periods.join(', '))}</span></span>`);
    const id = h(c.organization?.id);
    return `<tbody class="agency${c.missing + c.late > 0 ? ' behind' : ''}" data-organization="${id}"><tr>
      <td class="head">${bi(org?.name ?? c.organization?.id ?? '—', org?.nameEn ?? '')}</td>
      <td>${c.expected}</td><td>${c.onTime}</td><td>${c.late}</td><td>${c.missing}</td><td>${h(c.completeness === null ? '—' : `${number(c.completeness)} %`)}</td></tr>
      ${missing.length ? `<tr class="owed"><td colspan="6"><span class="label">${bi('未报送', 'Missing')}</span> ${missing.join('；')}</td></tr>` : ''}</tbody>`;
  };
  return `<section class="completeness"><h2>三、${bi('各单位数据报送情况', 'Reporting completeness by agency')}</h2>${asOfLine(m)}
  <p class="note">按报送日历截至当日应报的统计期：按时、逾期、未报；缺报最多的单位在前。Periods due by the reporting calendar by the reference date: on time, late, missing; agencies furthest behind first, each with the reports it has not made.</p>
  <table class="report-table"><thead><tr><td>${bi('单位', 'Agency')}</td><td>${bi('应报', 'Due')}</td><td>${bi('按时', 'On time')}</td>
    <td>${bi('逾期', 'Late')}</td><td>${bi('未报', 'Missing')}</td><td>${bi('完成率', 'Reported')}</td></tr></thead>
  ${rows.map(row).join('') || `<tbody><tr><td colspan="6">${bi('无应报数据。', 'No report due.')}</td></tr></tbody>`}</table>
</section>`;
}

function overdue(data: BriefingData, m: BriefingMeta, names: Names): string {
  const groups = new Map<string, OverdueTask[]>();
  for (const task of data.overdueTasks) {
    const lead = task.leadOrganization?.id ?? '';
    groups.set(lead, [...(groups.get(lead) ?? []), task]);
  }
  const ordered = [...groups].sort(([a, x], [b, y]) => y.length - x.length || compare(a, b));
  const row = (t: OverdueTask) => {
    const s = TASK_STATUS[t.progress.effectiveStatus] ?? { zh: t.progress.effectiveStatus, en: '' };
    return `<tr data-task="${h(t.id)}"><td class="task-id">${h(t.id)}</td><td>${h(t.content)}</td><td>${h(t.deadlineAsWritten)}</td>
      <td>${h(s.zh)} ${h(s.en)}</td><td>${h(utcDay(t.progress.lastReportedAt))}${t.progress.lastNote ? `<br/><span class="note">${h(t.progress.lastNote)}</span>` : ''}</td></tr>`;
  };
  const group = ([lead, tasks]: [string, OverdueTask[]]) => {
    const org = names(lead);
    return `<div class="task-group" data-lead="${h(lead)}"><h3>${bi(org?.name ?? (lead || '—'), org?.nameEn ?? '')} <span class="count">${tasks.length}</span></h3>
    <table class="task-table"><thead><tr><td>${bi('编号', 'Task')}</td><td>${bi('内容', 'Content')}</td><td>${bi('时限', 'Deadline')}</td>
      <td>${bi('状态', 'Status')}</td><td>${bi('最近报告', 'Last report')}</td></tr></thead>
    <tbody>${[...tasks]
      .sort((a, b) => a.seq - b.seq)
      .map(row)
      .join('')}</tbody></table></div>`;
  };
  return `<section class="overdue"><h2>四、${bi('逾期任务', 'Tasks overdue by lead agency')}</h2>${asOfLine(m)}
  <p class="note">完成时限所在月份已过而未报告完成的任务（长期坚持的任务不计）。Tasks whose deadline month ended before the reference date without a report of completion (ongoing tasks never are).</p>
  ${ordered.length ? ordered.map(group).join('') : `<p class="empty">${bi('无逾期任务。', 'No task is overdue.')}</p>`}
</section>`;
}

/** The whole briefing page. */
export function renderBriefing(data: BriefingData, m: BriefingMeta): string {
  const byId = new Map(data.organizations.map((o) => [o.id, o]));
  const names: Names = (id) => (id ? byId.get(id) : undefined);
  const title = `协调会议简报 Briefing · ${data.plan.documentNumber} · 截至 ${m.asOf}`;
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title>${h(title)}</title>
<link rel="icon" href="data:,"/>
<link rel="stylesheet" href="${h(m.stylesheet)}"/>
</head>
<body data-as-of="${h(m.asOf)}" data-recorded-as-of="${h(m.recordedAsOf)}" data-figure-rule="${h(m.figureRule)}" data-document-id="${h(m.documentId)}">
${cover(data, m)}
${goals(data, m, names)}
${attention(data, m, names)}
${completeness(data, m, names)}
${overdue(data, m, names)}
${methodSection(data, m)}
</body>
</html>
`;
}
