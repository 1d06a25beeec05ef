/**
 * The words a file of figures may give for a figure's status and quality flags: the codes
 * (FINAL, PROVISIONAL, ESTIMATED, BREAK_IN_SERIES, …, in any case) and their Chinese words
 * (最终, 初步, 估计, 序列中断, …), alone or together ("估计 ESTIMATED", "初步（PROVISIONAL）").
 * A status of ESTIMATED is what the reporting form means by it: a PROVISIONAL figure
 * flagged ESTIMATED. Anything else is refused in both languages, listing what is allowed.
 */
import { type FigureStatus, QUALITY_FLAGS, type QualityFlag } from './enums';

/** A status as a file or the form gives it: a figure status, or ESTIMATED (PROVISIONAL with the flag ESTIMATED). */
export type StatusChoice = FigureStatus | 'ESTIMATED';

const STATUS_WORDS: Record<StatusChoice, string> = { PROVISIONAL: '初步', FINAL: '最终', ESTIMATED: '估计' };

const FLAG_WORDS: Record<QualityFlag, string> = {
  ESTIMATED: '估计',
  BREAK_IN_SERIES: '序列中断',
  FORECAST: '预测',
  IMPUTED: '推算',
  LOW_RELIABILITY: '可靠性低',
  DEFINITION_DIFFERS: '口径不同',
};

/** The choices as a spreadsheet's list offers them: "初步 PROVISIONAL". */
export const STATUS_CHOICES = (Object.keys(STATUS_WORDS) as StatusChoice[]).map((code) => `${STATUS_WORDS[code]} ${code}`);
export const FLAG_CHOICES = QUALITY_FLAGS.map((code) => `${FLAG_WORDS[code]} ${code}`);

/** Separators between the words of one status (a code beside its word). */
const WORD_PARTS = /[\s/()（）·:：]+/u;
/** Separators between flags, and between a flag's code and word. */
const FLAG_PARTS = /[\s/()（）·:：;；,，、|]+/u;

function lookup<T extends string>(words: Record<T, string>, token: string): T | undefined {
  const upper = token.toUpperCase();
  return (Object.keys(words) as T[]).find((code) => code === upper || words[code] === token);
}

const quoted = (raw: string) => `"${raw.slice(0, 40)}"`;

/** The status a cell names, or why it names none (both languages, what is allowed). */
export function readStatus(raw: string): { value: StatusChoice } | { problem: string } {
  const tokens = raw.split(WORD_PARTS).filter(Boolean);
  const found = new Set(tokens.map((token) => lookup(STATUS_WORDS, token)));
  const [value] = found;
  if (tokens.length > 0 && found.size === 1 && value !== undefined) return { value };
  return {
    problem:
      `状态${quoted(raw)}无效，请填：${STATUS_CHOICES.join('、')} · ` +
      `${quoted(raw)} is not a status: write ${STATUS_CHOICES.join(', ')} (the code or the Chinese word)`,
  };
}

/** The quality flags a cell names (several separated by ; , 、 or spaces), or why it names none. */
export function readFlags(raw: string): { value: QualityFlag[] } | { problem: string } {
  const flags: QualityFlag[] = [];
  for (const token of raw.split(FLAG_PARTS).filter(Boolean)) {
    const flag = lookup(FLAG_WORDS, token);
    if (!flag) {
      return {
        problem:
          `标记"${token.slice(0, 40)}"无效，可填：${FLAG_CHOICES.join('、')}（多个用分号隔开） · ` +
          `"${token.slice(0, 40)}" is not a flag: write ${FLAG_CHOICES.join(', ')} (several separated by ;)`,
      };
    }
    if (!flags.includes(flag)) flags.push(flag);
  }
  return { value: flags };
}
