/** A pino logger (as src/logger.ts makes them) whose JSON lines a test can read. */
import { Writable } from 'node:stream';
import pino from 'pino';

export function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}
