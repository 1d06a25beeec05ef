/** Structured JSON logs on stderr, one object a line. */
const LEVELS = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof LEVELS;

function threshold(): number {
  const wanted = (process.env.LOG_LEVEL ?? 'info') as Level;
  return LEVELS[wanted] ?? LEVELS.info;
}

type Sink = (entry: Record<string, unknown>) => void;
let sink: Sink | null = null;

/** Receive every log entry too (tests read the request ids that travel between services). */
export function setLogSink(next: Sink | null): void {
  sink = next;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const entry = { time: new Date().toISOString(), level, message, ...fields };
  sink?.(entry);
  if (LEVELS[level] < threshold()) return;
  process.stderr.write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
