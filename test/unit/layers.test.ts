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
    .filter((m) => m.severity === 2 && (m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals'))
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
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await layerErrors(file, code)).toEqual([]);
  });
});
