/** Writes the organisations of seeds/organizations.json through this subgraph's store. */
import type { DataSource } from 'typeorm';
import type { OrganizationSeed } from '../../../seeds/model';
import { nameKey } from '../../../lib/text';
import { addCounts, upsertRows, type UpsertCounts } from '../../../lib/upsert';

/** Parents before children, so the parent reference always resolves. */
function parentsFirst(organizations: OrganizationSeed[]): OrganizationSeed[] {
  const byId = new Map(organizations.map((o) => [o.id, o]));
  const depth = (o: OrganizationSeed): number => (o.parentId && byId.has(o.parentId) ? 1 + depth(byId.get(o.parentId)!) : 0);
  return [...organizations].sort((a, b) => depth(a) - depth(b));
}

export async function seedOrganizations(db: DataSource, organizations: OrganizationSeed[]): Promise<UpsertCounts> {
  return db.transaction(async (manager) => {
    const rows = parentsFirst(organizations).map((o) => ({
      id: o.id,
      name: o.name,
      name_en: o.nameEn,
      kind: o.kind,
      parent_id: o.parentId ?? null,
      note: o.note ?? null,
    }));
    const aliases = organizations.flatMap((o) => [
      { key: nameKey(o.name), alias: o.name, canonical: true, organization_id: o.id },
      ...o.aliases.map((alias) => ({ key: nameKey(alias), alias, canonical: false, organization_id: o.id })),
    ]);
    const counts = await upsertRows(manager, 'organization', ['id'], rows, { touch: 'updated_at' });
    return addCounts(counts, await upsertRows(manager, 'organization_alias', ['key'], aliases));
  });
}
