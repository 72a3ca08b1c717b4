import { jsonLine } from './audit.js';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/**
 * JSON lines on stderr: stdout belongs to the stdio transport, and one stray
 * byte there breaks the protocol.
 */
export function createLogger(
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const log = (level: string, message: string, fields?: Record<string, unknown>) => {
    write(jsonLine({ time: new Date().toISOString(), level, message, ...fields }));
  };
  return {
    info: (message, fields) => {
      log('info', message, fields);
    },
    warn: (message, fields) => {
      log('warn', message, fields);
    },
    error: (message, fields) => {
      log('error', message, fields);
    },
  };
}
