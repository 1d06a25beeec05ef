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

/**
 * The longest text each kind of field takes, in characters (Unicode code points: 汉 and
 * 𠀀 are one character each). Every length check of the hub reads this table.
 */
export const TEXT_LIMITS = {
  breakdown: 200,
  note: 2000,
  source: 500,
  reason: 2000,
  explanation: 2000,
  holder: 200,
  draft: 200000,
  name: 200,
  idempotencyKey: 200,
  tokenId: 200,
  formula: 1000,
} as const;

/** Length in characters (code points), the one way the hub counts text. */
export const textLength = (text: string): number => [...text].length;

/** True when `text` is longer than the limit of its kind. */
export const tooLong = (text: string, kind: keyof typeof TEXT_LIMITS): boolean => textLength(text) > TEXT_LIMITS[kind];

/** The message a too-long field answers with. */
export const tooLongMessage = (field: string, kind: keyof typeof TEXT_LIMITS = field as keyof typeof TEXT_LIMITS): string =>
  `${field} is longer than ${TEXT_LIMITS[kind]} characters`;
