import type { Db } from './connection';
import { build, compileOnce, firstRow, runWrite } from './sync';

/**
 * The vault-wide settings (table settings): one text value per key (JSON where
 * structured). Read and written synchronously on the vault's connection: at
 * creation and unlock, and inside other code's transactions (the hub key's
 * boxes, the audit mark).
 */
const valueOf = compileOnce(['key'], (v) => build.selectFrom('settings').select('value').where('key', '=', v.key));
const upsert = compileOnce(['key', 'value'], (v) =>
  build
    .insertInto('settings')
    .values({ key: v.key, value: v.value })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') }))),
);
const remove = compileOnce(['key'], (v) => build.deleteFrom('settings').where('key', '=', v.key));

export function getSetting(db: Db, key: string): string | undefined {
  return firstRow(db, valueOf({ key }))?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
  runWrite(db, upsert({ key, value }));
}

export function deleteSetting(db: Db, key: string): void {
  runWrite(db, remove({ key }));
}

/**
 * Deletes a setting whose value was a secret (an older version's plaintext
 * key), with secure delete switched on for it: its bytes are overwritten in the
 * file, not only unlinked from the table. Secure delete is every vault
 * connection's setting already; this makes sure of it.
 */
export function eraseSetting(db: Db, key: string): void {
  db.pragma('secure_delete = ON');
  runWrite(db, remove({ key }));
}
