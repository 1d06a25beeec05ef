/** The receipt of a submitted report: shown after submitting, at /report?receipt=<id> later, and printable. */
import { h } from '../client/dom';
import { formatNumber, formatPeriod, formatTime } from './format';
import type { ReceiptFieldsFragment } from './gql/graphql';

export type ReceiptData = ReceiptFieldsFragment;

const fact = (term: string, value: string) => [h('dt', {}, term), h('dd', {}, value)];

export function renderReceipt(receipt: ReceiptData, facts: HTMLElement, table: HTMLElement, names: Map<string, string>): void {
  facts.replaceChildren(
    ...fact('回执编号 Receipt id', receipt.id),
    ...fact('单位 Organisation', receipt.organization ? `${receipt.organization.name} ${receipt.organization.nameEn}` : '—'),
    ...fact('报告期 Period', `${formatPeriod(receipt.period)} (${receipt.period})`),
    ...fact(
      '提交人 Submitted by',
      `${receipt.submittedBy}${receipt.submittedByOrganization ? `（${receipt.submittedByOrganization.name}）` : ''}`,
    ),
    ...fact('提交时间 Submitted at', formatTime(receipt.submittedAt)),
    ...fact(
      '结果 Outcome',
      `新增 ${receipt.created} created · 更新 ${receipt.updated} updated · 未变 ${receipt.unchanged} unchanged`,
    ),
  );
  table.replaceChildren(
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        ['指标 Indicator', '分项 Breakdown', '数值 Value', '状态 Status', '说明 Explanation'].map((t) =>
          h('th', { scope: 'col' }, t),
        ),
      ),
    ),
    h(
      'tbody',
      {},
      receipt.figures.map((f) =>
        h(
          'tr',
          {},
          h('td', {}, names.get(f.indicator) ?? f.indicator),
          h('td', {}, f.breakdown || '合计 Total'),
          h(
            'td',
            { class: 'number' },
            f.numerator !== null ? `${formatNumber(f.numerator)} / ${formatNumber(f.denominator)}` : formatNumber(f.value),
          ),
          h('td', {}, f.status),
          h('td', {}, f.explanation ?? ''),
        ),
      ),
    ),
  );
}
