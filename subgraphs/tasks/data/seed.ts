/** Writes the plan, its structure and the annex tasks through this subgraph's store. */
import type { DataSource } from 'typeorm';
import { leadOf, type OrganizationSeed, taskId, type PlanSeed, type TaskSeed, withIncludedUnits } from '../../../seeds/model';
import { addCounts, upsertRows, type UpsertCounts } from '../../../lib/upsert';

export async function seedPlan(
  db: DataSource,
  plan: PlanSeed,
  tasks: TaskSeed[],
  organizations: OrganizationSeed[],
): Promise<UpsertCounts> {
  return db.transaction(async (manager) => {
    const steps: Array<[string, string[], Array<Record<string, unknown>>]> = [
      [
        'plan',
        ['id'],
        [
          {
            id: plan.id,
            title: plan.title,
            title_en: plan.titleEn,
            document_number: plan.documentNumber,
            issuer: plan.issuer,
            signed_on: plan.signedOn,
            printed_on: plan.printedOn,
          },
        ],
      ],
      [
        'phase',
        ['plan_id', 'seq'],
        plan.phases.map((p) => ({
          plan_id: plan.id,
          seq: p.seq,
          name: p.name,
          name_en: p.nameEn,
          start_month: p.start,
          end_month: p.end,
          description: p.description,
        })),
      ],
      [
        'section',
        ['seq'],
        plan.sections.map((s) => ({
          seq: s.seq,
          numeral: s.numeral,
          title: s.title,
          title_en: s.titleEn,
          annex_category: s.annexCategory,
        })),
      ],
      [
        'measure',
        ['seq'],
        plan.measures.map((m) => ({ seq: m.seq, section_seq: m.sectionSeq, title: m.title, title_en: m.titleEn, text: m.text })),
      ],
      [
        'task',
        ['id'],
        tasks.map((t) => ({
          id: taskId(t.seq),
          seq: t.seq,
          section_seq: t.sectionSeq,
          measure_seq: t.measureSeq,
          category: t.category,
          category_as_printed: t.categoryAsPrinted,
          content: t.content,
          featured: t.featured,
          responsible_as_written: t.responsibleAsWritten,
          deadline_as_written: t.deadlineAsWritten,
          deadline: t.deadline,
          ongoing: t.ongoing,
          lead_organization_id: leadOf(t),
        })),
      ],
      [
        'task_responsible',
        ['task_id', 'position'],
        tasks.flatMap((t) =>
          withIncludedUnits(t, organizations).map((r, i) => ({
            task_id: taskId(t.seq),
            position: i + 1,
            organization_id: r.organizationId,
            as_written: r.asWritten,
            qualifier: r.qualifier ?? null,
          })),
        ),
      ],
    ];
    let counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
    for (const [table, keys, rows] of steps) counts = addCounts(counts, await upsertRows(manager, table, keys, rows));
    return counts;
  });
}
