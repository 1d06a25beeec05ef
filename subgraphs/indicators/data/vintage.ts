/**
 * Figures as recorded at an instant: each figure's latest revision recorded by then (the
 * revisions table keeps every one). Times are compared to the millisecond, as answered.
 */
export const RECORDED_BY = (param: string): string => `date_trunc('milliseconds', r.recorded_at) <= ${param}::timestamptz`;

/**
 * The latest revision of each series matching `where` (on `s` and its revisions `r`) recorded
 * by `param` (any time when null), with `columns`: a subquery to name.
 */
export function asRecorded(columns: string, where: string, param: string | null): string {
  return `(SELECT DISTINCT ON (r.series_id) ${columns}
             FROM figure_series s JOIN figure_revision r ON r.series_id = s.id
            WHERE ${where}${param ? ` AND ${RECORDED_BY(param)}` : ''}
            ORDER BY r.series_id, r.revision DESC)`;
}
