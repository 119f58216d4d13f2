import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import allowlistJson from './sqlOutside.allowlist.json';

/**
 * The ratchet of the move to the data layer: product code outside
 * electron/backend/data/ (and the migrations) holds no SQL text and imports
 * neither the database driver nor the SQL library. Files that still do are
 * listed in sqlOutside.allowlist.json, which may only shrink: a new file with SQL
 * fails, and so does a listed file that no longer has any (take it off the list).
 *
 * Each file is parsed (TypeScript's own parser), so comments are never read as
 * code and a regular expression's `.exec(` is told from a database's. What counts:
 * - a string or template literal holding an SQL statement (its substitutions
 *   read as a word, so `SELECT ${columns} FROM` is one too);
 * - `.prepare(` or `.pragma(` on anything, and `.exec(` on a database-ish
 *   receiver (`db`, `session.db`, `database`, `copyDb`, a connection), the
 *   driver's calls; a RegExp's `.exec(` is not one;
 * - an import, re-export, `import()` or `require()` of the driver or the SQL
 *   library.
 */
/** The files still allowed to hold SQL (now none: an empty list keeps it so). */
const allowlist: readonly string[] = allowlistJson;
const root = join(__dirname, '../../..');
const scanned = ['electron', 'shared', 'renderer'];
const exempt = [/^electron\/backend\/data\//, /^electron\/backend\/vault\/migrations\//, /\.test\.tsx?$/, /\.test-helper\.ts$/];

/** An SQL statement (or the start of one) in a string's text; keywords in capitals, as the code writes them. */
const SQL_TEXT =
  /\b(SELECT\s+(DISTINCT\s+)?[\w*(]|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+(TABLE|INDEX|TRIGGER|VIRTUAL|UNIQUE)|DROP\s+(TABLE|INDEX|TRIGGER)|ALTER\s+TABLE|VACUUM(\s+INTO)?\s*$|VACUUM\s+INTO|PRAGMA\s+\w|BEGIN\s+(IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)\b)|^\s*(BEGIN|COMMIT|ROLLBACK|END)\s*;?\s*$/;
/** The driver's statement calls; `.exec(` only on a receiver named as a database or connection. */
const ANY_RECEIVER = new Set(['prepare', 'pragma']);
const DB_RECEIVER = /(^|\.)(\w*db|\w*database|\w*connection|conn)$/i;
const DRIVER_MODULE = /^(better-sqlite3(-multiple-ciphers)?|kysely|pg)(\/|$)/;

/** Each SQL statement, driver call and driver import found in a file's text, described with its line. */
export function sqlFindings(text: string, fileName = 'snippet.ts'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const at = (node: ts.Node, what: string) => found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${what}`);
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (SQL_TEXT.test(node.text)) at(node, `SQL text ${node.getText(source).slice(0, 60)}`);
    } else if (ts.isTemplateExpression(node)) {
      const joined = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x');
      if (SQL_TEXT.test(joined)) at(node, `SQL text ${node.getText(source).slice(0, 60)}`);
      // The substitutions may hold literals of their own.
      node.templateSpans.forEach((s) => visit(s.expression));
      return;
    } else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee)) {
        const method = callee.name.text;
        const receiver = callee.expression.getText(source).replace(/\s+/g, '').replace(/[?!]/g, '');
        if (ANY_RECEIVER.has(method) || (method === 'exec' && DB_RECEIVER.test(receiver))) at(node, `driver call ${receiver}.${method}(`);
      }
      const moduleName = node.arguments[0];
      const loads = callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require');
      if (loads && moduleName !== undefined && ts.isStringLiteral(moduleName) && DRIVER_MODULE.test(moduleName.text)) at(node, `loads ${moduleName.text}`);
    } else if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
      if (DRIVER_MODULE.test(node.moduleSpecifier.text)) at(node, `imports ${node.moduleSpecifier.text}`);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : files(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

export function filesWithSql(): string[] {
  return scanned
    .flatMap((dir) => files(join(root, dir)))
    .map((path) => ({ path, name: relative(root, path).split('\\').join('/') }))
    .filter(({ name }) => !exempt.some((re) => re.test(name)))
    .filter(({ path, name }) => sqlFindings(readFileSync(path, 'utf8'), name).length > 0)
    .map(({ name }) => name)
    .sort();
}

describe('SQL stays in the data layer', () => {
  const found = filesWithSql();
  it('finds no new file with SQL text or a driver import outside electron/backend/data/', () => {
    expect(found.filter((f) => !allowlist.includes(f)).map((f) => ({ file: f, findings: sqlFindings(readFileSync(join(root, f), 'utf8'), f) }))).toEqual([]);
  });
  it('lists no file that has become clean (the list only shrinks)', () => {
    expect(allowlist.filter((f) => !found.includes(f))).toEqual([]);
  });
  it('recognises SQL text, driver calls and driver imports, and nothing else', () => {
    const flagged = (code: string) => sqlFindings(code).length > 0;
    // SQL, wherever the code holds it.
    expect(flagged("db.prepare('SELECT id FROM cases')")).toBe(true);
    expect(flagged("const s = 'INSERT OR IGNORE INTO case_tags (case_id, tag) VALUES (?, ?)';")).toBe(true);
    expect(flagged("db.exec('PRAGMA x')")).toBe(true);
    expect(flagged("const begin = 'BEGIN IMMEDIATE';")).toBe(true);
    expect(flagged("const pem = '-----BEGIN PUBLIC KEY-----';")).toBe(false);
    expect(flagged('db.exec(sql);')).toBe(true);
    expect(flagged("session.db.pragma('secure_delete = ON');")).toBe(true);
    expect(flagged('const n = database.pragma(`user_version`, { simple: true });')).toBe(true);
    expect(flagged("statement(db, 'SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get();")).toBe(true);
    expect(flagged('const rows = run(`SELECT ${columns} FROM ${table} WHERE case_id = ?`);')).toBe(true);
    expect(flagged('const q = `DELETE FROM settings WHERE key = ${param}`;')).toBe(true);
    expect(flagged("guard.run('BEGIN IMMEDIATE');")).toBe(true);
    expect(flagged("copyDb.exec('COMMIT');")).toBe(true);
    expect(flagged("send('VACUUM INTO ?', path);")).toBe(true);
    expect(flagged("import Database from 'better-sqlite3-multiple-ciphers';")).toBe(true);
    expect(flagged("import { Kysely } from 'kysely';")).toBe(true);
    expect(flagged("import type { Selectable } from 'kysely';")).toBe(true);
    expect(flagged("export { sql } from 'kysely';")).toBe(true);
    expect(flagged("const pg = require('pg');")).toBe(true);
    expect(flagged("const { Kysely } = await import('kysely');")).toBe(true);
    // Not SQL: a RegExp's exec, an age armor line, SQL words in comments or in prose.
    expect(flagged('const match = /^([0-7]+)[ \\0]*$/.exec(text);')).toBe(false);
    expect(flagged('const at = /position (\\d+)/.exec(message);')).toBe(false);
    expect(flagged('const match = datePattern.exec(iso);')).toBe(false);
    expect(flagged("const holder = /^(\\d+) (\\S+)/.exec(content);")).toBe(false);
    expect(flagged("if (head.startsWith('-----BEGIN AGE ENCRYPTED FILE-----')) throw integrity('armored');")).toBe(false);
    expect(flagged('/**\n * `PRAGMA cipher_integrity_check` returns no rows.\n */\nexport const x = 1;')).toBe(false);
    expect(flagged("// SELECT id FROM cases is what the old code ran\nconst y = 2; /* DELETE FROM cases */")).toBe(false);
    expect(flagged("const label = 'Select the case to open.';")).toBe(false);
    expect(flagged("const help = 'Begin the review, then commit to a plan.';")).toBe(false);
    expect(flagged("import { storeOf } from '../data';")).toBe(false);
  });
});
