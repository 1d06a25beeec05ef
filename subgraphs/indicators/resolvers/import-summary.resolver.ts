/**
 * A push's warnings grouped per code, indicator and period (`warningGroups`): a batch of
 * 20,000 breakdown rows that disagree with four period totals reads as four groups with
 * their counts and first rows; `warnings` keeps every one. The rows a summary speaks of
 * are the push's own (the resolvers that answer a summary hand them over with it).
 */
import { Arg, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { groupWarnings } from '../../../lib/warning-groups';
import { ImportSummary, WarningGroup } from '../schema/figure';

/** A summary with the rows it is about (indicator and period of each, by index). */
export type SummaryOfRows = ImportSummary & { rows?: ReadonlyArray<{ indicator: string; period: string }> };

/** The summary answered with the rows it speaks of, for its warning groups. */
export const withRows = <T extends ImportSummary>(summary: T, rows: ReadonlyArray<{ indicator: string; period: string }>): T =>
  Object.assign(summary, { rows });

@Resolver(() => ImportSummary)
export class ImportSummaryResolver {
  @FieldResolver(() => [WarningGroup], {
    description: 'The warnings grouped per code, indicator and period, in the order of their first row',
  })
  warningGroups(
    @Root() summary: SummaryOfRows,
    @Arg('examples', () => Int, {
      defaultValue: 3,
      description: 'Rows named per group: 1 to 20 (others are taken as the nearest)',
    })
    examples: number,
  ): WarningGroup[] {
    // Asked for after the push has run: a number out of range is taken as the nearest, never refused (the push stands).
    const shown = Math.min(20, Math.max(1, examples));
    const placed = summary.warnings.map((w) => ({
      line: w.index,
      indicator: summary.rows?.[w.index]?.indicator.trim() ?? '',
      period: summary.rows?.[w.index]?.period.trim() ?? '',
      breakdown: '',
      code: w.code,
      message: w.message,
    }));
    return groupWarnings(placed, shown).map(({ lines, ...group }) => ({ ...group, indexes: lines }));
  }
}
