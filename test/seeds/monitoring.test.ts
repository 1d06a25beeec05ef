/** Monitoring indicators: what agencies report as evidence of their work, with no target of their own. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readMonitoringIndicators, readOrganizations, readTargets, readTasks } from '../../seeds/load';

const documentText = readFileSync(
  path.join(__dirname, '../../seeds/source/wuhan-ip-protection-demo-zone-plan-2024-89.txt'),
  'utf8',
);
const monitoring = readMonitoringIndicators();
const tasks = new Map(readTasks().map((t) => [t.seq, t]));
const organizations = new Set(readOrganizations().map((o) => o.id));

describe('monitoring indicators', () => {
  it("carry no target, and never pass for one of the plan's goals", () => {
    for (const indicator of monitoring) {
      expect(indicator.targetValue).toBeNull();
      expect(indicator.comparator).toBeNull();
      expect(indicator.headline).toBe(false);
    }
  });

  it('quote the work they evidence from the document, and are reported by units responsible for it', () => {
    for (const indicator of monitoring) {
      expect(documentText).toContain(indicator.quote);
      for (const owner of indicator.ownerIds) expect(organizations.has(owner)).toBe(true);
      for (const seq of indicator.taskSeqs) {
        expect(tasks.get(seq)!.content).toContain(indicator.quote);
        const responsible = tasks.get(seq)!.responsible.map((u) => u.organizationId);
        for (const owner of indicator.ownerIds) expect(responsible).toContain(owner);
      }
    }
  });

  it('give customs, the police and the court figures of their own to report', () => {
    const owners = new Set(monitoring.flatMap((i) => i.ownerIds));
    for (const agency of ['customs', 'police', 'court', 'statistics']) expect(owners.has(agency)).toBe(true);
  });

  it('do not share an id with a target', () => {
    const targets = new Set(readTargets().map((i) => i.id));
    for (const indicator of monitoring) expect(targets.has(indicator.id)).toBe(false);
  });
});
