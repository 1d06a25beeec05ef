/** Reads the reviewed seed files of seeds/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../lib/config';
import type { IndicatorSeed, OrganizationSeed, PlanSeed, TaskSeed } from './model';

export const SEEDS_DIR = path.join(PROJECT_ROOT, 'seeds');

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(SEEDS_DIR, file), 'utf8')) as T;
}

export const readOrganizations = (): OrganizationSeed[] => readJson('organizations.json');
export const readPlan = (): PlanSeed => readJson('plan.json');
export const readTasks = (): TaskSeed[] => readJson('tasks.json');
export const readIndicators = (): IndicatorSeed[] => readJson('indicators.json');
