import type { Db } from './connection';
import { build, runWrite } from './sync';

/**
 * Throws away what a packet import interrupted by a crash had staged (table
 * packet_import_chunks). Run at unlock, before any import can run.
 */
export function clearPacketImportChunks(db: Db): void {
  runWrite(db, build.deleteFrom('packet_import_chunks'));
}
