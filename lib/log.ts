/**
 * Structured JSON logs on stderr, one object a line, written by pino (the logger the
 * HTTP servers use too): `{"level":"info","time":"…","message":"…", …fields}`. Errors in
 * the fields are written with their type, message and stack.
 */
import pino, { type Logger } from 'pino';
import type { LogLevel } from './config';

type Sink = (entry: Record<string, unknown>) => void;
let sink: Sink | null = null;

/** Receive every log entry too (tests read the request ids that travel between services). */
export function setLogSink(next: Sink | null): void {
  sink = next;
}

let root: Logger | undefined;
let level: LogLevel = 'info';

/** The level the process logs at (LOG_LEVEL, set by what starts it from its settings; "info" until then). */
export function setLogLevel(next: LogLevel): void {
  level = next;
  if (root) root.level = next;
}

/** The one pino logger of the process (created on first use). */
export function logger(): Logger {
  if (!root) {
    root = pino(
      {
        level,
        base: undefined,
        messageKey: 'message',
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        serializers: { error: pino.stdSerializers.err, err: pino.stdSerializers.err },
      },
      pino.destination({ fd: 2, sync: true }),
    );
  }
  return root;
}

const RESERVED = new Set(['time', 'level', 'message']);

/** Fields as they are written: errors become `{ type, message, stack }`; a field named like the line's own keys is `field_<name>`. */
function serialized(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    out[RESERVED.has(key) ? `field_${key}` : key] = value instanceof Error ? pino.stdSerializers.err(value) : value;
  }
  return out;
}

function write(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const entry = serialized(fields);
  sink?.({ time: new Date().toISOString(), level, message, ...entry });
  logger()[level](entry, message);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
