/** Reads the reviewed seed files of seeds/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';
import type { IndicatorSeed, OrganizationSeed, PlanSeed, TaskSeed } from './model';

const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(SEEDS_DIR, file), 'utf8')) as T;
}

export const readOrganizations = (): OrganizationSeed[] => readJson('organizations.json');
export const readPlan = (): PlanSeed => readJson('plan.json');
export const readTasks = (): TaskSeed[] => readJson('tasks.json');
/** The plan's targets. */
export const readTargets = (): IndicatorSeed[] => readJson('indicators.json');
/** Figures agencies report with no target of their own (customs seizures, cases closed, population…). */
export const readMonitoringIndicators = (): IndicatorSeed[] => readJson('monitoring-indicators.json');
export const readIndicators = (): IndicatorSeed[] => [...readTargets(), ...readMonitoringIndicators()];
