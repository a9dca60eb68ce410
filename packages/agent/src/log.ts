/**
 * Structured logging: one JSON line per record through an injected function. Callers pass
 * only codes, counts, ids and timings as fields: never an event, a token, a key or a payload.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type LogFn = (level: LogLevel, msg: string, fields?: LogFields) => void;

/** The default sink: JSON lines on stderr. */
export const stderrLog: LogFn = (level, msg, fields = {}) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields })}\n`);
};

export const silentLog: LogFn = () => {};
