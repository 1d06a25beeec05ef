/**
 * Responsible agencies report the progress of their tasks through the gateway; anyone
 * reads it as of a day, with overdue tasks, scorecards per organisation and counts per
 * section and for the plan, on the real PostgreSQL.
 */
import { Client } from 'pg';
import type { Hub } from '../../hub';
import { bearer, countStatements, gatewayIdentity, graphql, useHubAndDatabase } from '../support/hub';

const started = useHubAndDatabase();
let hub: Hub;
let url: string;
let db: Client;
beforeAll(() => {
  [hub, url, db] = [started.hub(), started.url(), started.db()];
});

const REPORT = `mutation($task: ID!, $status: TaskStatus!, $note: String) {
  reportTaskProgress(task: $task, status: $status, note: $note) {
    asOf task { id } status effectiveStatus overdue lastNote lastReportedBy { id } reports { status note } } }`;

const PROGRESS = `query($id: ID!, $asOf: LocalDate) { task(id: $id) { id progress(asOf: $asOf) {
  asOf status effectiveStatus overdue lastReportedAt lastReportAgeDays lastNote lastReportedBy { id name }
  reports { id status note organization { id name } reportedBy reportedByOrganization { id } reportedAt } } } }`;

async function reportCount(taskId: string): Promise<number> {
  const { rows } = await db.query('SELECT count(*)::int AS n FROM tasks.task_report WHERE task_id = $1', [taskId]);
  return rows[0].n;
}

/** A day `days` after today, YYYY-MM-DD (UTC). */
function daysFromToday(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

describe('a court reporter', () => {
  it('reports progress on a task it shares (T14) and reads it back with its history', async () => {
    const court = await bearer('court', ['reporter']);
    const first = await graphql(url, REPORT, { task: 'T14', status: 'IN_PROGRESS', note: '已制定技术调查官管理办法初稿' }, court);
    expect(first.errors).toBeUndefined();
    expect(first.data!.reportTaskProgress).toMatchObject({
      asOf: daysFromToday(0),
      task: { id: 'T14' },
      status: 'IN_PROGRESS',
      lastNote: '已制定技术调查官管理办法初稿',
      lastReportedBy: { id: 'court' },
    });
    const second = await graphql(url, REPORT, { task: 'T14', status: 'BLOCKED', note: '  等待编制批复  ' }, court);
    expect(second.data!.reportTaskProgress.reports).toEqual([
      { status: 'IN_PROGRESS', note: '已制定技术调查官管理办法初稿' },
      { status: 'BLOCKED', note: '等待编制批复' },
    ]);

    const read = await graphql(url, PROGRESS, { id: 'T14' });
    expect(read.errors).toBeUndefined();
    const progress = read.data!.task.progress;
    // T14's deadline is 2025-12: once that month is over, a BLOCKED task is overdue.
    const overdueToday = daysFromToday(0) > '2025-12-31';
    expect(progress).toMatchObject({
      status: 'BLOCKED',
      effectiveStatus: overdueToday ? 'OVERDUE' : 'BLOCKED',
      overdue: overdueToday,
      lastNote: '等待编制批复',
      lastReportAgeDays: 0,
      lastReportedBy: { id: 'court', name: '市法院' },
    });
    expect(progress.lastReportedAt).toBe(progress.reports[1].reportedAt);
    expect(progress.reports).toEqual([
      expect.objectContaining({ status: 'IN_PROGRESS', organization: { id: 'court', name: '市法院' } }),
      expect.objectContaining({ status: 'BLOCKED', reportedBy: 'court-reporter@test', reportedByOrganization: { id: 'court' } }),
    ]);
    expect(Date.parse(progress.reports[0].reportedAt)).toBeLessThanOrEqual(Date.parse(progress.reports[1].reportedAt));
    expect(await reportCount('T14')).toBe(2);
  });

  it('reporting on a customs-only task (T13) gets FORBIDDEN, and nothing is written', async () => {
    const res = await graphql(url, REPORT, { task: 'T13', status: 'DONE' }, await bearer('court', ['reporter']));
    expect(res.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(res.data?.reportTaskProgress ?? null).toBeNull();
    expect(await reportCount('T13')).toBe(0);
  });

  it('gets NOT_FOUND for an unknown task and BAD_USER_INPUT for a note over 2000 characters', async () => {
    const court = await bearer('court', ['reporter']);
    const unknown = await graphql(url, REPORT, { task: 'T99', status: 'DONE' }, court);
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', id: 'T99' });
    const long = await graphql(url, REPORT, { task: 'T14', status: 'DONE', note: '审'.repeat(2001) }, court);
    expect(long.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await reportCount('T14')).toBe(2);
  });
});

describe('who may report', () => {
  it('nobody without a token, and no analyst', async () => {
    const anonymous = await graphql(url, REPORT, { task: 'T13', status: 'DONE' });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const analyst = await graphql(url, REPORT, { task: 'T13', status: 'DONE' }, await bearer('customs', ['analyst']));
    expect(analyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await reportCount('T13')).toBe(0);
  });

  it('a coordinator reports any task, for its lead when the coordinator’s organisation does not share it', async () => {
    const res = await graphql(url, REPORT, { task: 'T13', status: 'IN_PROGRESS' }, await bearer('amr', ['coordinator']));
    expect(res.errors).toBeUndefined();
    const read = await graphql(url, PROGRESS, { id: 'T13' });
    expect(read.data!.task.progress.reports).toEqual([
      expect.objectContaining({
        organization: { id: 'customs', name: '武汉海关' },
        reportedByOrganization: { id: 'amr' },
        reportedBy: 'amr-coordinator@test',
      }),
    ]);
  });
});

describe('overdue', () => {
  it('T04 (deadline 2024-12) without a DONE report is OVERDUE as of 2025-12-31, not as of 2024-12-31', async () => {
    const late = await graphql(url, PROGRESS, { id: 'T04', asOf: '2025-12-31' });
    expect(late.data!.task.progress).toMatchObject({ status: 'NOT_STARTED', effectiveStatus: 'OVERDUE', overdue: true });
    expect(late.data!.task.progress).toMatchObject({ lastReportedAt: null, lastReportAgeDays: null, lastReportedBy: null });
    const onTime = await graphql(url, PROGRESS, { id: 'T04', asOf: '2024-12-31' });
    expect(onTime.data!.task.progress).toMatchObject({ status: 'NOT_STARTED', effectiveStatus: 'NOT_STARTED', overdue: false });
  });

  it('a DONE report ends it from the day it is recorded, and reports recorded later do not count for earlier days', async () => {
    const done = await graphql(url, REPORT, { task: 'T20', status: 'DONE', note: '已完成' }, await bearer('amr', ['reporter']));
    expect(done.data!.reportTaskProgress).toMatchObject({ status: 'DONE', effectiveStatus: 'DONE', overdue: false });
    const before = await graphql(url, PROGRESS, { id: 'T20', asOf: '2025-12-31' });
    expect(before.data!.task.progress).toMatchObject({ status: 'NOT_STARTED', effectiveStatus: 'OVERDUE', reports: [] });
    const later = await graphql(url, PROGRESS, { id: 'T20', asOf: '2099-12-31' });
    expect(later.data!.task.progress).toMatchObject({ effectiveStatus: 'DONE', overdue: false });
  });

  it('an ongoing (长期坚持) task is never OVERDUE, and shows the age of its last report', async () => {
    const amr = await bearer('amr', ['reporter']);
    await graphql(url, REPORT, { task: 'T10', status: 'IN_PROGRESS', note: '持续开展' }, amr);
    const now = await graphql(url, PROGRESS, { id: 'T10' });
    expect(now.data!.task.progress).toMatchObject({ effectiveStatus: 'IN_PROGRESS', overdue: false, lastReportAgeDays: 0 });
    const later = await graphql(url, PROGRESS, { id: 'T10', asOf: daysFromToday(40) });
    expect(later.data!.task.progress).toMatchObject({ effectiveStatus: 'IN_PROGRESS', overdue: false, lastReportAgeDays: 40 });
    const never = await graphql(url, PROGRESS, { id: 'T12', asOf: '2099-12-31' });
    expect(never.data!.task.progress).toMatchObject({ effectiveStatus: 'NOT_STARTED', overdue: false });
  });

  it('tasks(filter: { overdueAsOf }) lists the tasks overdue that day', async () => {
    const res = await graphql(url, '{ tasks(filter: { overdueAsOf: "2025-12-31" }) { id deadline } }');
    expect(res.data!.tasks.map((t: { id: string }) => t.id)).toEqual(['T01', 'T04', 'T06', 'T09', 'T20', 'T38', 'T40']);
    const amrOnly = await graphql(
      url,
      '{ tasks(filter: { overdueAsOf: "2025-12-31", organizationId: "amr", leadOnly: true }) { id } }',
    );
    expect(amrOnly.data!.tasks).toEqual([{ id: 'T01' }, { id: 'T04' }, { id: 'T20' }]);
  });

  it('a malformed date gets BAD_USER_INPUT naming the argument', async () => {
    const asOf = await graphql(url, PROGRESS, { id: 'T04', asOf: '2025-12-32' });
    expect(asOf.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'asOf' });
    const filter = await graphql(url, '{ tasks(filter: { overdueAsOf: "2025/12/31" }) { id } }');
    expect(filter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.overdueAsOf' });
  });
});

describe('scorecards and counts', () => {
  const SCORECARD = `query($id: ID!) { organization(id: $id) { taskScorecard(asOf: "2025-12-31") {
    asOf led { total overdue notStarted } shared { total }
    ledTasks { id progress(asOf: "2025-12-31") { effectiveStatus } } sharedTasks { id } } } }`;

  it('the scorecard of the regulator (amr) lists its 40 led tasks (the joint meeting of T01 and T02 among them), for as many SQL statements as one with few', async () => {
    let amr: any;
    const many = await countStatements(hub, async () => {
      const res = await graphql(url, SCORECARD, { id: 'amr' });
      expect(res.errors).toBeUndefined();
      amr = res.data!.organization.taskScorecard;
    });
    expect(amr.asOf).toBe('2025-12-31');
    expect(amr.led).toEqual({ total: 40, overdue: 3, notStarted: 37 });
    expect(amr.ledTasks).toHaveLength(40);
    expect(amr.ledTasks.filter((t: any) => t.progress.effectiveStatus === 'OVERDUE').map((t: any) => t.id)).toEqual([
      'T01',
      'T04',
      'T20',
    ]);
    expect(amr.shared.total).toBe(amr.sharedTasks.length);
    expect(amr.sharedTasks.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['T03', 'T22', 'T29']));
    expect(amr.sharedTasks.map((t: { id: string }) => t.id)).not.toContain('T01');

    let customs: any;
    const few = await countStatements(hub, async () => {
      customs = (await graphql(url, SCORECARD, { id: 'customs' })).data!.organization.taskScorecard;
    });
    expect(customs.ledTasks.map((t: { id: string }) => t.id)).toEqual(['T13', 'T38']);
    expect(customs.led).toEqual({ total: 2, overdue: 1, notStarted: 1 });
    expect(few.tasks).toBe(many.tasks);
    expect(many.tasks).toBe(2); // the organisation's tasks, and every report of one as-of day
  });

  it('the court leads no task and shares several', async () => {
    const res = await graphql(url, SCORECARD, { id: 'court' });
    const court = res.data!.organization.taskScorecard;
    expect(court.led.total).toBe(0);
    expect(court.sharedTasks.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(['T14', 'T17', 'T18', 'T19']));
  });

  it('sections list their task ids and status counts, 58 in all, as does the plan', async () => {
    const res = await graphql(
      url,
      `
        {
          sections {
            seq
            taskIds
            tasks {
              id
            }
            taskStatusCounts(asOf: "2025-12-31") {
              total
              overdue
            }
          }
          plan {
            taskStatusCounts(asOf: "2025-12-31") {
              total
              notStarted
              inProgress
              done
              blocked
              overdue
            }
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    const sections = res.data!.sections;
    expect(sections).toHaveLength(7);
    for (const s of sections) expect(s.taskIds).toEqual(s.tasks.map((t: { id: string }) => t.id));
    expect(sections.flatMap((s: { taskIds: string[] }) => s.taskIds)).toHaveLength(58);
    expect(sections.reduce((sum: number, s: any) => sum + s.taskStatusCounts.total, 0)).toBe(58);
    expect(sections.reduce((sum: number, s: any) => sum + s.taskStatusCounts.overdue, 0)).toBe(7);
    expect(res.data!.plan.taskStatusCounts).toEqual({
      total: 58,
      notStarted: 51,
      inProgress: 0,
      done: 0,
      blocked: 0,
      overdue: 7,
    });
  });

  it('reads the progress of all 58 tasks for as many SQL statements as of 4', async () => {
    const query = `query($filter: TaskFilter) { tasks(filter: $filter) { id progress { status effectiveStatus
      lastReportedBy { name } reports { status organization { id } } } } }`;
    const few = await countStatements(hub, async () => {
      expect((await graphql(url, query, { filter: { section: 1 } })).data!.tasks).toHaveLength(4);
    });
    const all = await countStatements(hub, async () => {
      const res = await graphql(url, query);
      expect(res.data!.tasks).toHaveLength(58);
      expect(res.data!.tasks.find((t: { id: string }) => t.id === 'T14').progress.status).toBe('BLOCKED');
    });
    expect(all.tasks).toBe(few.tasks);
    expect(all.tasks).toBe(2); // the tasks, and every report of one as-of day
  });

  it('a Section is an entity the tasks subgraph resolves by seq', async () => {
    const res = await fetch(hub.subgraphs.tasks.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await gatewayIdentity()) },
      body: JSON.stringify({
        query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Section { seq numeral taskIds } } }',
        variables: {
          r: [
            { __typename: 'Section', seq: 1 },
            { __typename: 'Section', seq: 7 },
          ],
        },
      }),
    });
    const body = await res.json();
    expect(body.errors).toBeUndefined();
    expect(body.data._entities).toEqual([
      { seq: 1, numeral: '一', taskIds: ['T01', 'T02', 'T03', 'T04'] },
      expect.objectContaining({ seq: 7, numeral: '七' }),
    ]);
  });
});
