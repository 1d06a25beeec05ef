/**
 * The briefing's last section: how its figures were read (reference date, vintage, figure
 * rule, statuses, coverage, projections, overdue tasks, explanations) and which figures it
 * counts are synthetic demo figures or estimates, indicator by indicator.
 */
import type { BriefingData } from './briefing-data';
import { compare, escapeHtml as h } from './briefing-format';

interface MethodMeta {
  asOf: string;
  recordedAsOf: string;
  figureRule: string;
}

/** The figures of periods ended by the reference date that are demo (source "demo") or flagged ESTIMATED, by indicator. */
export function markedFigures(
  data: BriefingData,
  asOf: string,
): Array<{ id: string; name: string; nameEn: string; demo: string[]; estimated: string[] }> {
  const label = (f: { period: string; breakdown: string }) => (f.breakdown ? `${f.period} ${f.breakdown}` : f.period);
  return data.indicators
    .map((indicator) => {
      const counted = indicator.figures.filter((f) => f.periodEnd <= asOf);
      const sorted = (list: typeof counted) =>
        list.sort((a, b) => compare(a.periodEnd, b.periodEnd) || compare(a.breakdown, b.breakdown)).map(label);
      return {
        id: indicator.id,
        name: indicator.name,
        nameEn: indicator.nameEn,
        demo: sorted(counted.filter((f) => f.source === 'demo')),
        estimated: sorted(counted.filter((f) => f.flags.includes('ESTIMATED'))),
      };
    })
    .filter((i) => i.demo.length + i.estimated.length > 0)
    .sort((a, b) => compare(a.id, b.id));
}

const POINTS: Array<[string, string]> = [
  [
    '截至日期：统计期在截至日期当日或之前结束的才计入；任务进展计至截至日期当日（UTC）记录的报告。',
    "Reference date: a period counts once it has ended by that day; a task's progress counts the reports recorded by the end of that day (UTC).",
  ],
  [
    '数据版本：数据与基线按该时刻的记录读取，此后的更正与撤回不影响本简报。',
    'Vintage: figures and baselines are read as recorded at that instant; corrections and withdrawals after it do not change this briefing.',
  ],
  [
    '状态：已达成、进展正常、存在风险（窗口未结束，预测达不到目标）、未达成（窗口已结束，未达到目标）、数据不全（窗口已结束但数据只覆盖部分月份，不作结论）、暂无数据、缺少基线。',
    'Statuses: achieved; on track; at risk (the window is open and the projection misses the target); off track (the window has closed without meeting it); incomplete (the window has closed but its figures cover it in part: no verdict); no data; no baseline.',
  ],
  [
    '覆盖：窗口内已报送的月份占比；缺报的统计期列出，不作推算或插补。',
    "Coverage: the share of the window's months the counted figures cover; reports owed and missing are listed, never projected or imputed.",
  ],
  [
    '预测：按指标的规则推算至窗口结束日；差距为实际值减去目标值。',
    "Projection: the value projected at the window's end by the indicator's rule; the gap is the actual value minus the target.",
  ],
  [
    '说明：为报送单位在截至日期前已结束统计期的数据所附的最新说明（无说明时为备注）。',
    'Explanation: the latest explanation the reporting agency gave with a figure of a period ended by the reference date (else its latest note).',
  ],
];

export function methodSection(data: BriefingData, m: MethodMeta): string {
  const marked = markedFigures(data, m.asOf);
  const row = (i: (typeof marked)[number]) =>
    `<tr data-indicator="${h(i.id)}"><td class="head"><span class="zh">${h(i.name)}</span> <span class="en">${h(i.nameEn)}</span></td>
      <td>${h(i.demo.join(', ') || '—')}</td><td>${h(i.estimated.join(', ') || '—')}</td></tr>`;
  return `<section class="method"><h2>五、<span class="zh">方法说明</span> <span class="en">Method</span></h2>
  <p class="as-of">截至 As of ${h(m.asOf)} · 数据版本 Vintage ${h(m.recordedAsOf)} · ${h(m.figureRule)}</p>
  <ul class="points">${POINTS.map(([zh, en]) => `<li><span class="zh">${h(zh)}</span><br/><span class="en">${h(en)}</span></li>`).join('')}</ul>
  <p class="note">本简报由 ipzone-hub 按上述参数从其 GraphQL 接口读取生成；同一参数再次生成，内容相同。This briefing is read from the hub's GraphQL API on the parameters above; made again on the same ones, it is the same.</p>
  <h3 class="marked-title"><span class="zh">演示与估算数据</span> <span class="en">Demo or estimated figures</span></h3>
  <p class="note">演示数据为合成数据（来源“demo”），并非统计数据；估算数据带 ESTIMATED 标记。Demo figures are synthetic (source “demo”), not reported statistics; estimates carry the ESTIMATED flag.</p>
  ${
    marked.length
      ? `<table class="marked-table"><thead><tr><td><span class="zh">指标</span> <span class="en">Indicator</span></td>
      <td><span class="zh">演示</span> <span class="en">Demo</span></td><td><span class="zh">估算</span> <span class="en">Estimated</span></td></tr></thead>
      <tbody>${marked.map(row).join('')}</tbody></table>`
      : `<p class="empty"><span class="zh">无。</span> <span class="en">None: every figure counted is reported, none estimated.</span></p>`
  }
</section>`;
}
