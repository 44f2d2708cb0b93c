/** Structured logging with context (feature, reqId, symbol). Quiet under tests unless TAPEDECK_LOG is set. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogContext = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(message: string, context?: LogContext): void;
  info(message: string, context?: LogContext): void;
  warn(message: string, context?: LogContext): void;
  error(message: string, context?: LogContext): void;
  child(feature: string): Logger;
}

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

function threshold(): number {
  const env = (process.env.TAPEDECK_LOG ?? '') as LogLevel | '';
  if (env && env in ORDER) return ORDER[env];
  return process.env.VITEST ? ORDER.error + 1 : ORDER.info;
}

export function createLogger(feature: string, sink: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const min = threshold();
  const write = (level: LogLevel, message: string, context?: LogContext) => {
    if (ORDER[level] < min) return;
    const ctx = context
      ? ' ' + Object.entries(context).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}=${v}`).join(' ')
      : '';
    sink(`${new Date().toISOString()} ${level.toUpperCase().padEnd(5)} [${feature}] ${message}${ctx}`);
  };
  return {
    debug: (m, c) => write('debug', m, c),
    info: (m, c) => write('info', m, c),
    warn: (m, c) => write('warn', m, c),
    error: (m, c) => write('error', m, c),
    child: (sub) => createLogger(`${feature}/${sub}`, sink),
  };
}
