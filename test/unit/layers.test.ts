import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The layer rules of ARCHITECTURE.md are lint errors. These cases prove each rule
// fires on a bad import (and stays quiet on a good one).
// The snippets are not files of the TypeScript project, so type-aware rules are off
// here; the layer rules need no types.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: [{ files: ['**/*.ts', '**/*.tsx'], ...tseslint.configs.disableTypeChecked }],
});

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.severity === 2 && (m.ruleId === 'no-restricted-imports' || m.ruleId === '@typescript-eslint/no-restricted-imports' || m.ruleId === 'no-restricted-globals' || m.ruleId === 'no-restricted-syntax'))
    .map((m) => m.message);
}

describe('layer rules', () => {
  it.each([
    ['shared/domain/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no node:*'],
    ['shared/domain/bad.ts', "import path from 'path';\nexport const x = path;\n", 'no node:*'],
    ['shared/domain/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", 'electron'],
    ['shared/domain/bad.ts', "import { createBackend } from '../../electron/backend/backend';\nexport const x = createBackend;\n", 'nothing of ours'],
    ['shared/domain/bad.ts', "import { x as y } from '../../renderer/src/main';\nexport const x = y;\n", 'nothing of ours'],
    ['shared/domain/bad.ts', 'export const x = () => document.title;\n', 'no DOM'],
    ['electron/backend/bad.ts', "import { app } from 'electron';\nexport const x = app;\n", 'never imports electron'],
    ['electron/backend/bad.ts', "import { start } from '../main/index';\nexport const x = start;\n", 'imports only shared'],
    ['renderer/src/bad.ts', "import { createBackend } from '../../electron/backend/backend';\nexport const x = createBackend;\n", 'only shared'],
    ['renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", 'no node:*'],
    ['renderer/src/bad.ts', "import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'electron'],
    ['electron/preload/bad.ts', "import { createBackend } from '../backend/backend';\nexport const x = createBackend;\n", 'only electron and shared'],
    ['electron/main/bad.ts', "import { x as y } from '../../renderer/src/main';\nexport const x = y;\n", 'backend and shared'],
    // Inside the backend.
    ['electron/backend/services/bad.ts', "import { createDispatcher } from '../dispatcher';\nexport const x = createDispatcher;\n", 'Only transports import dispatcher.ts'],
    ['electron/backend/packets/bad.ts', "import type { Dispatcher } from '../dispatcher';\nexport type X = Dispatcher;\n", 'Only transports import dispatcher.ts'],
    ['electron/backend/handlers/bad.ts', "import { appendAudit } from '../vault/audit';\nexport const x = appendAudit;\n", 'Handlers import only services'],
    ['electron/backend/handlers/bad.ts', "import { readPacketFile } from '../packets/receive';\nexport const x = readPacketFile;\n", 'Handlers import only services'],
    ['electron/backend/handlers/bad.ts', "export { openTrainingVault } from '../training/training';\n", 'Handlers import only services'],
    ['electron/backend/handlers/bad.ts', "import { runCli } from '../cli/main';\nexport const x = runCli;\n", 'Handlers import only services'],
    ['electron/backend/handlers/bad.ts', "export const x = () => import('../vault/vault');\n", 'Handlers import only services'],
    ['electron/backend/services/bad.ts', "import { vaultHandlers } from '../handlers/vault';\nexport const x = vaultHandlers;\n", 'never handlers, the CLI or the dispatcher'],
    ['electron/backend/services/bad.ts', "import { withVault } from '../cli/openVault';\nexport const x = withVault;\n", 'never handlers, the CLI or the dispatcher'],
    ['electron/backend/services/bad.ts', "import { createBackend } from '../backend';\nexport const x = createBackend;\n", 'never handlers, the CLI or the dispatcher'],
    ['electron/backend/cli/commands/bad.ts', "import { vaultHandlers } from '../../handlers/vault';\nexport const x = vaultHandlers;\n", 'CLI commands import services'],
    ['electron/backend/cli/commands/bad.ts', "import { rekeyVault } from '../../vault/vault';\nexport const x = rekeyVault;\n", 'CLI commands import services'],
    ['electron/backend/cli/commands/bad.ts', "import { readPacketFile } from '../../packets/receive';\nexport const x = readPacketFile;\n", 'CLI commands import services'],
    ['electron/backend/cli/commands/bad.ts', "import { createBackend } from '../../backend';\nexport const x = createBackend;\n", 'CLI commands import services'],
    ['electron/backend/cli/bad.ts', "import { unlockVault } from '../vault/vault';\nexport const x = unlockVault;\n", 'Only cli/openVault.ts opens a vault'],
    // Only the data layer imports the SQL library or a database driver (types too).
    ['electron/backend/services/bad.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/services/bad.ts', "import type { Selectable } from 'kysely';\nexport type X = Selectable<object>;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/vault/bad.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const x = Database;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/handlers/bad.ts', "import pg from 'pg';\nexport const x = pg;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/main/bad.ts', "import { Pool } from 'pg';\nexport const x = Pool;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['shared/domain/bad.ts', "import { sql } from 'kysely';\nexport const x = sql;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/services/bad.ts', "import { SqliteDialect } from 'kysely/dist/cjs/index.js';\nexport const x = SqliteDialect;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/vault/migrations/bad.ts', "import { Kysely } from 'kysely';\nexport const x = Kysely;\n", 'Only electron/backend/data/ imports the SQL library'],
    ['electron/backend/vault/database.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const x = Database;\n", 'Only electron/backend/data/ imports the SQL library'],
  ])('%s: %s is an error', async (file, code, expected) => {
    const errors = await layerErrors(file, code);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join(' | ')).toMatch(new RegExp(expected.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'));
  });

  it.each([
    ['shared/domain/good.ts', "import { z } from 'zod';\nexport const x = z.string();\n"],
    ['renderer/src/good.ts', "import { contract } from '../../shared/contract';\nexport const x = contract;\n"],
    ['electron/main/good.ts', "import { createBackend } from '../backend/backend';\nexport const x = createBackend;\n"],
    ['electron/backend/good.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n"],
    ['electron/backend/handlers/good.ts', "import type { Handlers } from './types';\nimport type { BackendContext } from '../context';\nimport { listUsers } from '../services/vaultAdmin';\nimport { AppError } from '../../../shared/contract';\nexport const x: [Handlers | null, BackendContext | null] = [null, null];\nexport const y = [listUsers, AppError];\n"],
    ['electron/backend/services/good.ts', "import { appendAudit } from '../vault/audit';\nimport { readPacketFile } from '../packets/receive';\nimport { requireVaultOp } from './access';\nexport const x = [appendAudit, readPacketFile, requireVaultOp];\n"],
    ['electron/backend/cli/commands/good.ts', "import { withVault } from '../openVault';\nimport { listUsers } from '../../services/vaultAdmin';\nimport { describeZodError } from '../../zodMessages';\nimport { roles } from '../../../../shared/domain/ids';\nexport const x = [withVault, listUsers, describeZodError, roles];\n"],
    ['electron/backend/cli/openVault.ts', "import { unlockVault } from '../vault/vault';\nexport const x = unlockVault;\n"],
    ['electron/backend/data/good.ts', "import { Kysely, sql } from 'kysely';\nimport type { Pool } from 'pg';\nexport const x = [Kysely, sql];\nexport type P = Pool;\n"],
    ['electron/backend/vault/migrations/index.ts', "import type { Database } from 'better-sqlite3-multiple-ciphers';\nexport type X = Database;\n"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
