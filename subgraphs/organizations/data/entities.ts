import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'organization' })
export class OrganizationRecord {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  name: string;

  @Column('text', { name: 'name_en' })
  nameEn: string;

  @Column('text')
  kind: string;

  @Column('text', { name: 'parent_id', nullable: true })
  parentId: string | null;

  @Column('text', { nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** Another spelling of an organisation's name; `key` is the normalised form looked up. */
@Entity({ name: 'organization_alias' })
export class OrganizationAliasRecord {
  @PrimaryColumn('text')
  key: string;

  @Column('text')
  alias: string;

  /** True for the row of the canonical name itself, so one lookup covers names and aliases. */
  @Column('boolean')
  canonical: boolean;

  @Index()
  @Column('text', { name: 'organization_id' })
  organizationId: string;
}
