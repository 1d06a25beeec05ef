/** The annex tasks by deadline, overdue ones marked, with counts per status. */
import { h, zh } from '../../client/dom';
import { TASK_STATUS, dateTime } from '../format';
import type { TaskRow } from '../queries';
import { statusChip } from './tiles';

/** Deadline order; 长期坚持 (ongoing) tasks last, then document order. */
function byDeadline(a: TaskRow, b: TaskRow): number {
  if (a.ongoing !== b.ongoing) return a.ongoing ? 1 : -1;
  return (a.deadline ?? '').localeCompare(b.deadline ?? '') || a.seq - b.seq;
}

function taskRow(task: TaskRow): HTMLLIElement {
  const status = task.progress?.effectiveStatus ?? 'NOT_STARTED';
  const overdue = !!task.progress?.overdue;
  return h(
    'li',
    {
      class: `row task tone-${TASK_STATUS[status]?.tone ?? 'none'}${overdue ? ' overdue' : ''}`,
      'data-task': task.id,
      'data-section': task.sectionSeq,
      'data-status': status,
      'data-overdue': String(overdue),
    },
    h(
      'div',
      { class: 'task-when' },
      h('strong', { class: 'deadline' }, task.ongoing ? zh(task.deadlineAsWritten || '长期坚持') : (task.deadline ?? '—')),
      task.ongoing ? h('span', { class: 'muted' }, 'ongoing') : null,
    ),
    h(
      'div',
      { class: 'row-main' },
      h(
        'p',
        { class: 'task-head' },
        h('span', { class: 'task-id' }, task.id),
        task.featured ? h('span', { class: 'featured', title: '特色重点任务 · featured task' }, '★') : null,
        h('span', { class: 'muted' }, ` · section ${task.sectionSeq} · lead `),
        task.leadOrganization ? zh(task.leadOrganization.name) : '—',
      ),
      h('p', { class: 'task-content', lang: 'zh-CN' }, task.content),
      h(
        'details',
        { class: 'task-more' },
        h('summary', {}, 'Responsible units and work item ', zh('责任单位')),
        h('p', { class: 'small' }, 'Responsible: ', zh(task.responsibleAsWritten)),
        h('p', { class: 'small' }, 'Work item: ', zh(task.category)),
      ),
      task.progress?.lastReportedAt
        ? h('p', { class: 'muted small' }, `Last report ${dateTime(task.progress.lastReportedAt)}`)
        : null,
    ),
    h('div', { class: 'row-side' }, statusChip(status)),
  );
}

export function renderTasks(list: HTMLElement, summary: HTMLElement, tasks: TaskRow[]): void {
  const sorted = [...tasks].sort(byDeadline);
  list.replaceChildren(
    ...(sorted.length ? sorted.map(taskRow) : [h('li', { class: 'row empty' }, 'No tasks for these filters.')]),
  );
  const counts = new Map<string, number>();
  for (const t of tasks) {
    const s = t.progress?.effectiveStatus ?? 'NOT_STARTED';
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  summary.replaceChildren(
    h(
      'span',
      { class: 'task-total', 'data-count': 'total' },
      h('strong', {}, String(tasks.length)),
      ` task${tasks.length === 1 ? '' : 's'}`,
    ),
    ...Object.entries(TASK_STATUS)
      .filter(([status]) => counts.get(status))
      .map(([status, info]) =>
        h(
          'span',
          { class: 'legend-item', 'data-count': status },
          h('span', { class: `dot tone-${info.tone}` }),
          h('strong', {}, String(counts.get(status))),
          ` ${info.en}`,
        ),
      ),
  );
}
