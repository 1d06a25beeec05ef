/**
 * Normalisation of names as the plan's OCR text writes them: full-width and half-width
 * forms folded (NFKC), white space removed, Latin letters lower-cased. Two spellings
 * that differ only in these ways are the same name.
 */
export function nameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/gu, '').toLowerCase();
}

/** Escape LIKE wildcards so user text matches literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
