/** Reads and writes of the organizations subgraph's own tables. */
import { In, type DataSource } from 'typeorm';
import { z } from 'zod';
import { column, readRows } from '../../../lib/rows';
import { likePattern, nameKey } from '../../../lib/text';
import { OrganizationAliasRecord, OrganizationRecord } from './entities';

export interface OrganizationFilter {
  kind?: string | null;
  search?: string | null;
}

/** An organisation found by a reference, with the reference (byReferences). */
const ReferencedColumns = z.object({
  id: column.text,
  name: column.text,
  nameEn: column.text,
  kind: column.text,
  parentId: column.optionalText,
  note: column.optionalText,
  /** Timestamptz columns, kept as the Dates node-postgres gives (as OrganizationRecord has them). */
  createdAt: z.date(),
  updatedAt: z.date(),
  ref: column.text,
});

export class OrganizationRepository {
  constructor(private readonly db: DataSource) {}

  list(filter: OrganizationFilter = {}): Promise<OrganizationRecord[]> {
    const query = this.db.getRepository(OrganizationRecord).createQueryBuilder('o').orderBy('o.id');
    if (filter.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.search) {
      const pattern = likePattern(filter.search.trim());
      query.andWhere(
        `(o.name ILIKE :pattern OR o.name_en ILIKE :pattern OR o.id ILIKE :pattern OR EXISTS (
          SELECT 1 FROM organization_alias a WHERE a.organization_id = o.id AND a.alias ILIKE :pattern))`,
        { pattern },
      );
    }
    return query.getMany();
  }

  byIds(ids: readonly string[]): Promise<OrganizationRecord[]> {
    return this.db.getRepository(OrganizationRecord).findBy({ id: In([...ids]) });
  }

  /** Organisations by id, canonical name or any alias, folded by `nameKey`. */
  async byReferences(references: readonly string[]): Promise<Map<string, OrganizationRecord>> {
    const keys = references.map(nameKey);
    const rows: unknown = await this.db.query(
      `SELECT o.id, o.name, o.name_en AS "nameEn", o.kind, o.parent_id AS "parentId", o.note,
              o.created_at AS "createdAt", o.updated_at AS "updatedAt", r.ref
         FROM unnest($1::text[], $2::text[]) AS r(ref, key)
         JOIN organization_alias a ON a.key = r.key
         JOIN organization o ON o.id = a.organization_id
       UNION ALL
       SELECT o.id, o.name, o.name_en, o.kind, o.parent_id, o.note, o.created_at, o.updated_at, r.ref
         FROM unnest($1::text[]) AS r(ref)
         JOIN organization o ON o.id = r.ref`,
      [references, keys],
    );
    return new Map(readRows('organisations by reference', ReferencedColumns, rows).map(({ ref, ...record }) => [ref, record]));
  }

  aliasesOf(organizationIds: readonly string[]): Promise<OrganizationAliasRecord[]> {
    return this.db
      .getRepository(OrganizationAliasRecord)
      .find({ where: { organizationId: In([...organizationIds]), canonical: false }, order: { alias: 'ASC' } });
  }

  childrenOf(parentIds: readonly string[]): Promise<OrganizationRecord[]> {
    return this.db.getRepository(OrganizationRecord).find({ where: { parentId: In([...parentIds]) }, order: { id: 'ASC' } });
  }
}
