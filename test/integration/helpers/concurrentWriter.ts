import { createInterface } from 'node:readline';
import { createCase } from '../../../electron/backend/services/cases';
import { databasePath, openDatabase } from '../../../electron/backend/vault/database';
import { gamblingIntake } from '../../helpers/vault';

/**
 * A second process writing to a vault: opens it with the database key (sent on
 * standard input, never in argv) and opens cases in a loop until told to stop,
 * reporting each count on standard output. Bundled with esbuild by the test.
 */
interface Start {
  dir: string;
  keyHex: string;
}

const isBusy = (error: unknown) => typeof error === 'object' && error !== null && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');

const lines = createInterface({ input: process.stdin });
let stop = false;
let started = false;

lines.on('line', (line) => {
  if (line === 'stop') {
    stop = true;
    return;
  }
  if (started) return;
  started = true;
  const start = JSON.parse(line) as Start;
  const db = openDatabase(databasePath(start.dir), Buffer.from(start.keyHex, 'hex'));
  let written = 0;
  let retries = 0;
  const step = () => {
    if (stop) {
      db.close();
      process.stdout.write(`${JSON.stringify({ done: written, retries })}\n`);
      lines.close();
      return;
    }
    try {
      createCase(db, { name: 'Concurrent Writer' }, gamblingIntake(`writer ${written}`), new Date('2026-11-20T10:00:00Z'));
      written += 1;
      process.stdout.write(`${written}\n`);
    } catch (error) {
      if (!isBusy(error)) throw error;
      retries += 1;
    }
    setImmediate(step);
  };
  step();
});
