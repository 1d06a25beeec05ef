import type { MigrationInterface, QueryRunner } from 'typeorm';
import { sqlIn, VALUE_KINDS } from '../../../../lib/enums';

/** The value kinds before YEARS. */
const BEFORE = VALUE_KINDS.filter((kind) => kind !== 'YEARS');

/**
 * A term in years (YEARS, like DAYS) is a level, not a count: the plan's shortest term of a
 * use right granted was a COUNT, so its districts' terms were summed into the city's,
 * reconciled as parts of it, and once met it counted as met for good, like stations in
 * place; and a term of 12.5 years was refused as not a whole number.
 */
export class TermsInYears1769600000000 implements MigrationInterface {
  name = 'TermsInYears1769600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE indicator DROP CONSTRAINT indicator_value_kind_check`);
    await db.query(`ALTER TABLE indicator ADD CONSTRAINT indicator_value_kind_check CHECK (${sqlIn('value_kind', VALUE_KINDS)})`);
    await db.query(
      `UPDATE indicator SET value_kind = 'YEARS', integer_only = false
        WHERE id = 'granted-use-right-years-minimum' AND value_kind = 'COUNT'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `UPDATE indicator SET value_kind = 'COUNT', integer_only = true WHERE id = 'granted-use-right-years-minimum' AND value_kind = 'YEARS'`,
    );
    await db.query(`ALTER TABLE indicator DROP CONSTRAINT indicator_value_kind_check`);
    await db.query(`ALTER TABLE indicator ADD CONSTRAINT indicator_value_kind_check CHECK (${sqlIn('value_kind', BEFORE)})`);
  }
}
