/** Small helpers for shaping DataLoader batches. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** Answers a batch of keys from rows grouped by key, in the keys' order. */
export function manyByKey<T>(keys: readonly string[], rows: readonly T[], key: (row: T) => string): T[][] {
  const groups = groupBy(rows, key);
  return keys.map((k) => groups.get(k) ?? []);
}

/** Answers a batch of keys with one row each (or null), in the keys' order. */
export function oneByKey<T>(keys: readonly string[], rows: readonly T[], key: (row: T) => string): Array<T | null> {
  const byKey = new Map(rows.map((row) => [key(row), row]));
  return keys.map((k) => byKey.get(k) ?? null);
}

/**
 * One key of several parts, for Maps keyed by more than one value: the parts joined with
 * U+0000, which no identifier, period or breakdown holds, so distinct parts never collide.
 */
export const compositeKey = (...parts: readonly string[]): string => parts.join('\u0000');

/**
 * What `DataLoader.loadMany` answered, or the first error among it: a key whose load
 * failed (the database gone mid-request) fails the whole answer instead of being left out
 * of it, which would read as a smaller number.
 */
export async function loadAll<T>(loading: Promise<Array<T | Error>>): Promise<T[]> {
  const results = await loading;
  const failed = results.find((result): result is Error => result instanceof Error);
  if (failed) throw failed;
  return results as T[];
}
