/**
 * The whole plan through one GraphQL endpoint: three subgraphs over HTTP behind the
 * Apollo Gateway, on the real PostgreSQL.
 */
import type { Hub } from '../../hub';
import { countStatements, graphql, startTestHub } from '../support/hub';

let hub: Hub;
let url: string;

beforeAll(async () => {
  hub = await startTestHub();
  url = hub.gateway.url;
});
afterAll(() => hub?.stop());

describe('an analyst asking the gateway about the plan', () => {
  it("gets the plan's own numbers: 58 tasks, 23 featured, tasks per deadline", async () => {
    const res = await graphql(
      url,
      '{ plan { documentNumber signedOn phases { seq } sections { seq } measures { seq } } tasks { seq featured deadline ongoing } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.plan).toMatchObject({ documentNumber: '武政办〔2024〕89号', signedOn: '2024-09-07' });
    expect(res.data!.plan.phases).toHaveLength(3);
    expect(res.data!.plan.sections).toHaveLength(7);
    expect(res.data!.plan.measures).toHaveLength(22);
    const tasks = res.data!.tasks as Array<{ seq: number; featured: boolean; deadline: string | null; ongoing: boolean }>;
    expect(tasks.map((t) => t.seq)).toEqual(Array.from({ length: 58 }, (_, i) => i + 1));
    expect(tasks.filter((t) => t.featured)).toHaveLength(23);
    const perDeadline: Record<string, number> = {};
    for (const t of tasks)
      perDeadline[t.ongoing ? 'ongoing' : t.deadline!] = (perDeadline[t.ongoing ? 'ongoing' : t.deadline!] ?? 0) + 1;
    expect(perDeadline).toEqual({ '2024-09': 1, '2024-12': 4, '2025-06': 2, '2025-12': 29, ongoing: 22 });
  });

  it("gets a task with its lead organisation's name and its indicators with their owners' names, in one query", async () => {
    const res = await graphql(
      url,
      `
        {
          task(id: "T15") {
            content
            featured
            deadline
            ongoing
            leadOrganization {
              id
              name
              nameEn
            }
            responsibleUnits {
              position
              asWritten
              lead
              organization {
                name
                kind
              }
            }
            indicators {
              id
              comparator
              targetValue
              unit
              owners {
                id
                name
              }
            }
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    const task = res.data!.task;
    expect(task.content).toContain('100%介入');
    expect(task.ongoing).toBe(true);
    expect(task.leadOrganization).toMatchObject({ id: 'amr', name: '市市场监管局' });
    expect(task.responsibleUnits.map((u: { organization: { name: string } }) => u.organization.name)).toEqual([
      '市市场监管局',
      '市检察院',
    ]);
    expect(task.responsibleUnits[0].lead).toBe(true);
    expect(task.indicators).toEqual([
      expect.objectContaining({
        comparator: 'EQUAL',
        targetValue: 100,
        unit: '%',
        owners: [{ id: 'procuratorate', name: '市检察院' }],
      }),
    ]);
  });

  it('finds 市市场监管局 by the short name 市场监管局, with the 40 tasks it leads', async () => {
    const res = await graphql(
      url,
      '{ organizationByName(name: "市场监管局") { id name aliases leadTasks { seq } tasks { seq } indicators { id } } }',
    );
    expect(res.errors).toBeUndefined();
    const org = res.data!.organizationByName;
    expect(org).toMatchObject({ id: 'amr', name: '市市场监管局' });
    expect(org.aliases).toContain('市场监管局');
    expect(org.leadTasks).toHaveLength(40);
    expect(org.tasks.length).toBeGreaterThan(40);
    expect(org.indicators.length).toBeGreaterThan(0);
  });

  it("leads the joint meeting (T01) by 市市场监管局, and counts the zones' committees among 各区人民政府 (含开发区、长江新区、风景区管委会)", async () => {
    const res = await graphql(
      url,
      `
        {
          task(id: "T17") {
            responsibleUnits {
              asWritten
              organization {
                id
              }
            }
          }
          joint: task(id: "T01") {
            leadOrganization {
              id
            }
          }
          scenic: organization(id: "scenic-area") {
            name
            tasks {
              id
            }
          }
          zone: organization(id: "east-lake-hi-tech-zone") {
            tasks {
              id
            }
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.joint.leadOrganization).toEqual({ id: 'amr' });
    const units = res.data!.task.responsibleUnits.map((u: any) => [u.asWritten, u.organization.id]);
    expect(units).toEqual(
      expect.arrayContaining([
        ['各区人民政府', 'districts'],
        ['各区人民政府', 'east-lake-hi-tech-zone'],
        ['各区人民政府', 'scenic-area'],
      ]),
    );
    const districtTasks = ['T01', 'T02', 'T17', 'T32', 'T54', 'T55', 'T58'];
    expect(res.data!.scenic).toEqual({ name: '风景区管委会', tasks: districtTasks.map((id) => ({ id })) });
    expect(res.data!.zone.tasks.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining([...districtTasks, 'T53']));
  });

  it('resolves the OCR variants of one agency to one organisation', async () => {
    const res = await graphql(
      url,
      `
        {
          a: organizationByName(name: "市园林业局") {
            id
            name
          }
          b: organizationByName(name: "市金融办") {
            id
          }
          c: organizationByName(name: "市委金融办") {
            id
          }
          d: organizationByName(name: "检察院") {
            id
          }
          e: organizationByName(name: "  市市场监管局 ") {
            id
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.a.name).toBe('市园林林业局');
    expect(res.data!.b.id).toBe(res.data!.c.id);
    expect(res.data!.d.id).toBe('procuratorate');
    expect(res.data!.e.id).toBe('amr');
  });

  it('filters tasks by section, featured, deadline range, ongoing and organisation', async () => {
    const res = await graphql(
      url,
      `
        {
          s1: tasks(filter: { section: 1 }) {
            seq
          }
          featuredDue2024: tasks(filter: { featured: true, deadlineFrom: "2024-01", deadlineTo: "2024-12" }) {
            seq
          }
          ongoing: tasks(filter: { ongoing: true }) {
            seq
          }
          customs: tasks(filter: { organizationId: "customs" }) {
            seq
          }
          courtLeads: tasks(filter: { organizationId: "court", leadOnly: true }) {
            seq
          }
        }
      `,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.s1.map((t: { seq: number }) => t.seq)).toEqual([1, 2, 3, 4]);
    expect(res.data!.featuredDue2024.map((t: { seq: number }) => t.seq)).toEqual([9, 20, 40]);
    expect(res.data!.ongoing).toHaveLength(22);
    expect(res.data!.customs.map((t: { seq: number }) => t.seq)).toEqual([1, 2, 13, 17, 38]);
    expect(res.data!.courtLeads).toEqual([]);
  });

  it('lists the eight headline goals with their owners', async () => {
    const res = await graphql(
      url,
      '{ indicators(filter: { headline: true }) { id comparator targetValue owners { name } tasks { id } } }',
    );
    expect(res.errors).toBeUndefined();
    const goals = res.data!.indicators as Array<{
      id: string;
      comparator: string;
      targetValue: number;
      owners: Array<{ name: string }>;
    }>;
    expect(goals).toHaveLength(8);
    const byId = Object.fromEntries(goals.map((g) => [g.id, g]));
    expect(byId['trial-closure-within-limit-rate']).toMatchObject({
      comparator: 'AT_LEAST',
      targetValue: 95,
      owners: [{ name: '市法院' }],
    });
    expect(byId['average-trial-closure-days']).toMatchObject({ comparator: 'AT_MOST', targetValue: 100 });
    expect(byId['high-value-patents-per-10k']).toMatchObject({ comparator: 'MORE_THAN', targetValue: 40 });
    expect(byId['admin-case-cycle-reduction']).toMatchObject({ comparator: 'REDUCE_BY_PERCENT', targetValue: 10 });
  });
});

describe('the cost of a query', () => {
  const ALL_TASKS = `query($filter: TaskFilter) { tasks(filter: $filter) {
    id content leadOrganization { name } responsibleOrganizations { name aliases }
    indicators { name owners { name } }
  } }`;

  it('is a constant number of SQL statements per subgraph, whatever the number of rows', async () => {
    const few = await countStatements(hub, async () => {
      const res = await graphql(url, ALL_TASKS, { filter: { section: 1 } });
      expect(res.data!.tasks).toHaveLength(4);
    });
    const all = await countStatements(hub, async () => {
      const res = await graphql(url, ALL_TASKS);
      expect(res.data!.tasks).toHaveLength(58);
    });
    expect(all).toEqual(few);
    // tasks: the list + responsible units; indicators: by task + owners; organizations: one statement per
    // fetch of the query plan (lead, responsible organisations, owners) and one for the aliases
    expect(all).toEqual({ tasks: 2, indicators: 2, organizations: 4 });
  });
});

describe('bad and unknown input', () => {
  it('answers null for an unknown id', async () => {
    const res = await graphql(
      url,
      '{ task(id: "T99") { id } organization(id: "nobody") { id } indicator(id: "nothing") { id } organizationByName(name: "某某局") { id } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ task: null, organization: null, indicator: null, organizationByName: null });
  });

  it.each([
    ['a malformed month', '{ tasks(filter: { deadlineFrom: "2025-13" }) { id } }', 'filter.deadlineFrom'],
    ['a section that does not exist', '{ tasks(filter: { section: 9 }) { id } }', 'filter.section'],
    ['an empty name', '{ organizationByName(name: " ") { id } }', 'name'],
  ])('answers BAD_USER_INPUT for %s', async (_what, query, field) => {
    const res = await graphql(url, query);
    expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('answers a validation error for a wrongly typed argument, and keeps serving', async () => {
    const res = await graphql(url, '{ tasks(filter: { section: "one" }) { id } }');
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const next = await graphql(url, '{ task(id: "T01") { seq } }');
    expect(next.data).toEqual({ task: { seq: 1 } });
  });
});
