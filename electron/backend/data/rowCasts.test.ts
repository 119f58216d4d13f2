import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Rows are typed by the data layer, never asserted: no `as` (or `<T>`) cast is
 * applied to what a database call returns, anywhere in the product code. A row
 * comes typed from Kysely (schema.ts), and a stored value that must be one of
 * a set is checked (a guard or a zod schema) rather than cast.
 *
 * A cast counts when its operand is a driver or query call — better-sqlite3's
 * `.get( .all( .iterate( .pragma(`, Kysely's `.execute( .executeTakeFirst(
 * .executeTakeFirstOrThrow(`, pg's `.query(` — or pg's `.rows`, looked through
 * parentheses, `await` and `?.` / `!`. The one place allowed is the driver
 * boundary in data/sqlcipher/sync.ts, whose helpers return the types Kysely
 * infers for the compiled query (three casts, documented there).
 */
const root = join(__dirname, '../../..');
const scanned = ['electron', 'shared', 'renderer'];
const ROW_CALLS = new Set(['get', 'all', 'iterate', 'pragma', 'execute', 'executeTakeFirst', 'executeTakeFirstOrThrow', 'query']);
const allowed: Readonly<Record<string, number>> = { 'electron/backend/data/sqlcipher/sync.ts': 3 };

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    return e.isDirectory() ? files(path) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$|\.test-helper\.ts$|\.d\.ts$/.test(e.name) ? [path] : [];
  });
}

function unwrap(node: ts.Expression): ts.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isAwaitExpression(current) || ts.isNonNullExpression(current)) current = current.expression;
    else return current;
  }
}

/** The row casts in a file's text, each with its line. */
export function rowCasts(text: string, fileName = 'snippet.ts'): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isAsExpression(node) || ts.isTypeAssertionExpression(node)) {
      const operand = unwrap(node.expression);
      const isRowCall = ts.isCallExpression(operand) && ts.isPropertyAccessExpression(operand.expression) && ROW_CALLS.has(operand.expression.name.text);
      const isRows = ts.isPropertyAccessExpression(operand) && operand.name.text === 'rows';
      const indexed = ts.isElementAccessExpression(operand) ? unwrap(operand.expression) : null;
      const isRowOfRows = indexed !== null && ts.isPropertyAccessExpression(indexed) && indexed.name.text === 'rows';
      if (isRowCall || isRows || isRowOfRows) found.push(`${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}: ${node.getText(source).slice(0, 80)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('rows are typed, never cast', () => {
  it('finds no cast on what a database call returns outside the driver boundary', () => {
    const problems: { file: string; casts: string[] }[] = [];
    for (const path of scanned.flatMap((d) => files(join(root, d)))) {
      const name = relative(root, path).split('\\').join('/');
      const casts = rowCasts(readFileSync(path, 'utf8'), name);
      if (casts.length !== (allowed[name] ?? 0)) problems.push({ file: name, casts });
    }
    expect(problems).toEqual([]);
  });

  // By name: a cast on any `.get(`/`.all(` call counts (a Map's too); check such a value instead of casting it.
  it('recognises a cast on a row, and not on other values', () => {
    expect(rowCasts("const r = db.prepare('SELECT 1').get(id) as { n: number };")).toHaveLength(1);
    expect(rowCasts('const rows = (await q.selectFrom("cases").selectAll().execute()) as CaseRow[];')).toHaveLength(1);
    expect(rowCasts('const v = <number>db.pragma("user_version", { simple: true });')).toHaveLength(1);
    expect(rowCasts('const { rows } = x; const r = result.rows[0] as { seq: string };')).toHaveLength(1);
    expect(rowCasts('const rows = res.rows as Row[];')).toHaveLength(1);
    expect(rowCasts('const e = error as { code?: string };')).toEqual([]);
    expect(rowCasts('const m = new Map<string, number>(); const v = m.get(k) as number;')).toHaveLength(1);
    expect(rowCasts('const detail = JSON.parse(text) as unknown;')).toEqual([]);
  });
});
