import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// The renderer's shared parts stay shared: each thing below is written in one file,
// and a second copy anywhere else in renderer/ (or shared/) fails here.
const root = process.cwd();

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.test-helper.ts') ? [path] : [];
  });
}

interface Rule {
  what: string;
  /** Where it may be written. */
  home: string;
  /** The folders searched for a second copy. */
  scope: string[];
  pattern: RegExp;
  /** Snippets the pattern must catch, and ones it must leave alone: proof the rule fires. */
  bad: string[];
  good: string[];
}

const rules: Rule[] = [
  {
    what: 'the alert markup (use <Alert>)',
    home: 'renderer/src/components/Alert.tsx',
    scope: ['renderer'],
    pattern: /\balert-(?:error|warn|ok|info|\$\{)|className=\{?[`'"](?:[^`'"]*\s)?alert[\s`'"]/,
    bad: ['<div className="alert alert-error" role="alert">', '<p className="alert alert-warn">', '<div className={`alert alert-${m.kind}`}>', "<li className={`alert ${x ? 'alert-ok' : 'alert-warn'}`}>", '<div className="alert">'],
    good: ['<div className="error" role="alert">', '<Alert kind="error">', '<div className="home-alerts">', 'role="alert"'],
  },
  {
    what: 'a role list in a select (use <RoleSelect>)',
    home: 'renderer/src/components/RoleSelect.tsx',
    scope: ['renderer'],
    pattern: /\b(?:roles|caseRoles)\.map\(/,
    bad: ['{roles.map((r) => (', '{caseRoles.map((r) => <option key={r}>{r}</option>)}'],
    good: ['<RoleSelect of="vault" />', 'users.map((u) => u.role)'],
  },
  {
    what: "the vault role words (roleValueLabels in shared/labels)",
    home: 'shared/labels/index.ts',
    scope: ['renderer', 'shared'],
    pattern: /program_manager:\s*'Program manager'/,
    bad: ["  program_manager: 'Program manager',"],
    good: ["roleLabels['program_manager']"],
  },
  {
    what: 'an age public key pattern (ageRecipientSchema, ageKeyProblem)',
    home: 'shared/packets/manifest.ts',
    scope: ['renderer', 'shared'],
    pattern: /\/\^?age1[[(\\]|RegExp\([^)]*age1/,
    bad: ['const key = /^age1[02-9ac-hj-np-z]{58}$/;', 'z.string().regex(/age1[a-z0-9]+/)', "new RegExp('^age1' + chars)"],
    good: ['placeholder="age1…"', "if (!key.startsWith('age1')) return 'bad';"],
  },
  {
    what: "a today of its own (localToday)",
    home: 'shared/model/schedule.ts',
    scope: ['renderer', 'shared'],
    pattern: /getFullYear\(\)|new Date\((?:Date\.now\(\))?\)\.toISOString\(\)\.slice\(0,\s*10\)|toLocaleDateString\(\s*['"]en-CA|function todayIso/,
    bad: ['const today = new Date().toISOString().slice(0, 10);', 'new Date(Date.now()).toISOString().slice(0, 10)', '`${d.getFullYear()}-${d.getMonth() + 1}`', "new Date().toLocaleDateString('en-CA')", 'export function todayIso(): string {'],
    good: ['const today = localToday();', 'new Date(x).toISOString().slice(0, 10)'],
  },
  {
    what: "a date check of its own in the renderer (isoDateSchema)",
    home: 'shared/model/caseRecord.ts',
    scope: ['renderer'],
    pattern: /\\d\{4\}-\\d\{2\}-\\d\{2\}/,
    bad: ['if (!/^\\d{4}-\\d{2}-\\d{2}$/.test(on)) next.on = "Give the date.";'],
    good: ['if (!isoDateSchema.safeParse(on).success) next.on = "Give the date.";'],
  },
];

describe('renderer shared parts have one copy', () => {
  it.each(rules)('$what: the pattern catches a copy and leaves other code alone', (rule) => {
    for (const snippet of rule.bad) expect(rule.pattern.test(snippet), snippet).toBe(true);
    for (const snippet of rule.good) expect(rule.pattern.test(snippet), snippet).toBe(false);
  });

  it.each(rules)('$what is written only in $home', (rule) => {
    expect(rule.pattern.test(readFileSync(join(root, rule.home), 'utf8')), `${rule.home} no longer holds it`).toBe(true);
    const copies = rule.scope
      .flatMap(sources)
      .filter((path) => relative(root, join(root, path)) !== rule.home)
      .flatMap((path) =>
        readFileSync(join(root, path), 'utf8')
          .split('\n')
          .flatMap((line, index) => (rule.pattern.test(line) ? [`${path}:${String(index + 1)}: ${line.trim()}`] : [])),
      );
    expect(copies).toEqual([]);
  });
});
