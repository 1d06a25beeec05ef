/** Keys of the indicators subgraph's Maps, built one way (lib/collections.ts compositeKey). */
import { compositeKey } from '../../../lib/collections';

/** The key of a series in Maps: (indicator, period, breakdown). */
export const seriesKey = (indicatorId: string, period: string, breakdown: string): string =>
  compositeKey(indicatorId, period, breakdown);

/** The key of an indicator's breakdown (or of a period of an indicator) in Maps. */
export const indicatorKey = (indicatorId: string, second: string): string => compositeKey(indicatorId, second);
