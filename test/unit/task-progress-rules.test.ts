/** The rules of task progress: overdue, effective status, age of the last report, counts. */
import { monthEnd } from '../../lib/period';
import { parseLocalDate } from '../../lib/scalars';
import {
  countStatuses,
  EffectiveTaskStatus,
  endOfDay,
  isOverdue,
  noteArgument,
  reportAgeDays,
  summarizeProgress,
  TaskStatus,
  type ReportFacts,
} from '../../subgraphs/tasks/model/progress';

const dueDecember2025 = { deadline: '2025-12', ongoing: false };
const ongoing = { deadline: null, ongoing: true };
const report = (status: TaskStatus, reportedAt: string, note: string | null = null): ReportFacts => ({
  status,
  note,
  reportedByOrg: 'court',
  reportedAt: new Date(reportedAt),
});

describe('overdue', () => {
  it('starts the day after the deadline month ends', () => {
    expect(isOverdue(dueDecember2025, TaskStatus.IN_PROGRESS, '2025-12-31')).toBe(false);
    expect(isOverdue(dueDecember2025, TaskStatus.IN_PROGRESS, '2026-01-01')).toBe(true);
    expect(isOverdue(dueDecember2025, TaskStatus.NOT_STARTED, '2025-01-15')).toBe(false);
  });

  it('knows the last day of every month', () => {
    expect(monthEnd('2025-12')).toBe('2025-12-31');
    expect(monthEnd('2025-02')).toBe('2025-02-28');
    expect(monthEnd('2024-02')).toBe('2024-02-29');
    expect(monthEnd('2025-06')).toBe('2025-06-30');
    expect(isOverdue({ deadline: '2024-02', ongoing: false }, TaskStatus.BLOCKED, '2024-02-29')).toBe(false);
    expect(isOverdue({ deadline: '2024-02', ongoing: false }, TaskStatus.BLOCKED, '2024-03-01')).toBe(true);
  });

  it('never applies to a DONE task', () => {
    expect(isOverdue(dueDecember2025, TaskStatus.DONE, '2030-01-01')).toBe(false);
    expect(summarizeProgress(dueDecember2025, [report(TaskStatus.DONE, '2025-11-02T03:00:00Z')], '2030-01-01')).toMatchObject({
      status: TaskStatus.DONE,
      effectiveStatus: EffectiveTaskStatus.DONE,
      overdue: false,
    });
  });

  it('never applies to an ongoing (长期坚持) task', () => {
    for (const status of Object.values(TaskStatus)) expect(isOverdue(ongoing, status, '2099-12-31')).toBe(false);
    expect(summarizeProgress(ongoing, [], '2099-12-31').effectiveStatus).toBe(EffectiveTaskStatus.NOT_STARTED);
  });

  it('replaces the status in the effective status, whatever was reported', () => {
    const blocked = [report(TaskStatus.BLOCKED, '2025-06-01T00:00:00Z')];
    expect(summarizeProgress(dueDecember2025, blocked, '2025-12-31').effectiveStatus).toBe(EffectiveTaskStatus.BLOCKED);
    expect(summarizeProgress(dueDecember2025, blocked, '2026-01-01')).toMatchObject({
      status: TaskStatus.BLOCKED,
      effectiveStatus: EffectiveTaskStatus.OVERDUE,
      overdue: true,
    });
    expect(summarizeProgress(dueDecember2025, [], '2026-01-01').effectiveStatus).toBe(EffectiveTaskStatus.OVERDUE);
  });
});

describe('as of a day', () => {
  const reports = [
    report(TaskStatus.DONE, '2026-01-01T00:00:00Z', 'after the day'),
    report(TaskStatus.NOT_STARTED, '2025-03-01T08:00:00Z', 'first'),
    report(TaskStatus.IN_PROGRESS, '2025-12-31T23:59:59.999Z', 'last of the day'),
  ];

  it('counts reports recorded up to the end of the day (UTC), oldest first, the latest being the status', () => {
    const progress = summarizeProgress(dueDecember2025, reports, '2025-12-31');
    expect(progress.reports.map((r) => r.note)).toEqual(['first', 'last of the day']);
    expect(progress).toMatchObject({ status: TaskStatus.IN_PROGRESS, effectiveStatus: EffectiveTaskStatus.IN_PROGRESS });
    expect(progress.lastReport?.note).toBe('last of the day');
    expect(summarizeProgress(dueDecember2025, reports, '2026-01-01').status).toBe(TaskStatus.DONE);
    expect(summarizeProgress(dueDecember2025, reports, '2025-02-28')).toMatchObject({
      status: TaskStatus.NOT_STARTED,
      lastReport: null,
      lastReportAgeDays: null,
      reports: [],
    });
  });

  it('ends the day at midnight UTC', () => {
    expect(endOfDay('2025-12-31').toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });

  it('gives the age of the last report in whole days from its day to asOf', () => {
    expect(reportAgeDays(new Date('2025-12-31T23:59:59Z'), '2025-12-31')).toBe(0);
    expect(reportAgeDays(new Date('2025-12-30T23:59:59Z'), '2025-12-31')).toBe(1);
    expect(reportAgeDays(new Date('2025-03-01T08:00:00Z'), '2025-12-31')).toBe(305);
    expect(reportAgeDays(new Date('2024-12-31T00:00:00Z'), '2025-12-31')).toBe(365);
    expect(summarizeProgress(ongoing, reports, '2025-12-31').lastReportAgeDays).toBe(0);
    expect(summarizeProgress(ongoing, reports.slice(0, 2), '2025-12-31').lastReportAgeDays).toBe(305);
  });
});

describe('counts', () => {
  it('count every effective status, overdue instead of its underlying status', () => {
    const statuses = [
      EffectiveTaskStatus.OVERDUE,
      EffectiveTaskStatus.OVERDUE,
      EffectiveTaskStatus.DONE,
      EffectiveTaskStatus.NOT_STARTED,
      EffectiveTaskStatus.IN_PROGRESS,
      EffectiveTaskStatus.BLOCKED,
      EffectiveTaskStatus.NOT_STARTED,
    ];
    expect(countStatuses(statuses)).toEqual({ total: 7, notStarted: 2, inProgress: 1, done: 1, blocked: 1, overdue: 2 });
    expect(countStatuses([])).toEqual({ total: 0, notStarted: 0, inProgress: 0, done: 0, blocked: 0, overdue: 0 });
  });
});

describe('arguments', () => {
  it('take real calendar days written YYYY-MM-DD', () => {
    expect(parseLocalDate('2025-12-31')).toBe('2025-12-31');
    expect(parseLocalDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-12-32', '2025-1-01', '20251231', '2025-12', '', '0999-01-01']) {
      expect(() => parseLocalDate(bad)).toThrow(expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } }));
    }
    expect(() => parseLocalDate('2025-12-32', 'asOf')).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'asOf' } }),
    );
  });

  it('keep a note of at most 2000 characters, trimmed, blank as none', () => {
    expect(noteArgument('  已完成初稿 ')).toBe('已完成初稿');
    expect(noteArgument('   ')).toBeNull();
    expect(noteArgument(null)).toBeNull();
    expect(noteArgument('知'.repeat(2000))).toHaveLength(2000);
    expect(() => noteArgument('知'.repeat(2001))).toThrow(
      expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'note' } }),
    );
  });
});
