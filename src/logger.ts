/**
 * Structured logs with pino. The server logs to stdout; command-line tools that print data on stdout
 * (export) log to stderr so that their output stays clean.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

export function createLogger(level: string, stream: 'stdout' | 'stderr' = 'stdout'): Logger {
  return pino({ level, base: { service: 'hitech-kg' } }, pino.destination(stream === 'stdout' ? 1 : 2));
}
