/** The tasks subgraph: the plan, its phases, sections, measures and the 58 annex tasks. */
import { buildFederatedSchema } from '../../lib/federation';
import type { SubgraphContext, SubgraphDefinition } from '../../lib/subgraph';
import {
  MeasureRecord,
  PhaseRecord,
  PlanRecord,
  SectionRecord,
  TaskRecord,
  TaskReportRecord,
  TaskResponsibleRecord,
} from './data/entities';
import { CreatePlan1764000000001 } from './data/migrations/1764000000001-CreatePlan';
import { CreateTaskReports1764000000010 } from './data/migrations/1764000000010-CreateTaskReports';
import { readOrganizations, readPlan, readTasks } from '../../seeds/load';
import { seedPlan } from './data/seed';
import { createLoaders, type TaskLoaders } from './loaders';
import { MeasureResolver, PlanResolver, SectionResolver } from './resolvers/plan.resolver';
import { ReportProgressResolver, TaskProgressResolver } from './resolvers/progress.resolver';
import { OrganizationScorecardResolver, PlanProgressResolver, SectionProgressResolver } from './resolvers/scorecard.resolver';
import { OrganizationTasksResolver, TaskResolver } from './resolvers/task.resolver';

type Context = SubgraphContext<TaskLoaders>;

export const tasksSubgraph: SubgraphDefinition<TaskLoaders> = {
  name: 'tasks',
  store: {
    entities: [PlanRecord, PhaseRecord, SectionRecord, MeasureRecord, TaskRecord, TaskResponsibleRecord, TaskReportRecord],
    migrations: [CreatePlan1764000000001, CreateTaskReports1764000000010],
  },
  loaders: createLoaders,
  seed: (store) => seedPlan(store.dataSource, readPlan(), readTasks(), readOrganizations()),
  isEmpty: async (store) => (await store.dataSource.query('SELECT 1 FROM plan LIMIT 1')).length === 0,
  schema: () =>
    buildFederatedSchema(
      {
        resolvers: [
          PlanResolver,
          SectionResolver,
          MeasureResolver,
          TaskResolver,
          OrganizationTasksResolver,
          TaskProgressResolver,
          ReportProgressResolver,
          OrganizationScorecardResolver,
          SectionProgressResolver,
          PlanProgressResolver,
        ],
      },
      {
        Section: {
          __resolveReference: (reference: { seq: number | string }, context: Context) =>
            context.loaders.section.load(Number(reference.seq)),
        },
        Task: {
          __resolveReference: (reference: { id: string }, context: Context) => context.loaders.task.load(reference.id),
        },
        Organization: {
          __resolveReference: (reference: { id: string }) => ({ id: reference.id }),
        },
      },
    ),
};
