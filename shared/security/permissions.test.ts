import { describe, expect, it } from 'vitest';
import { roles } from '../domain/ids';
import { can, caseRoleProblem, operations, operationScope, permissionMap, refusalMessage, relationOf, relations } from './permissions';

describe('the permission map', () => {
  it('names every operation once, each with at least the program manager', () => {
    expect(Object.keys(permissionMap).sort()).toEqual([...operations].sort());
    for (const op of operations) expect(permissionMap[op], op).toContain('program_manager');
  });

  it('lets nobody but the program manager do the manager-only commands of the CLI contract, whatever their relation', () => {
    for (const op of ['case.import', 'case.export', 'vault.backup', 'vault.restore', 'vault.addUser', 'vault.removeUser', 'vault.rekey', 'audit.log'] as const) {
      expect(operationScope(op)).toBe('vault');
      for (const role of roles) for (const relation of relations) expect(can({ name: 'x', role }, op, relation), `${role} ${relation} ${op}`).toBe(role === 'program_manager');
    }
  });

  it('keeps a case from anyone not on its team, lets a viewer read but not change, and only the lead or manager change the team', () => {
    const analyst = { name: 'Ana', role: 'analyst' as const };
    for (const op of operations.filter((o) => operationScope(o) === 'case')) expect(can(analyst, op, 'none'), op).toBe(false);
    expect(can(analyst, 'case.view', 'viewer')).toBe(true);
    expect(can(analyst, 'case.edit', 'viewer')).toBe(false);
    expect(can(analyst, 'case.reveal', 'viewer')).toBe(false);
    expect(can(analyst, 'team.change', 'member')).toBe(false);
    expect(can(analyst, 'team.change', 'lead')).toBe(true);
    // The program manager's role decides, whatever relation is passed.
    expect(can({ name: 'Dana', role: 'program_manager' }, 'team.change', 'none')).toBe(true);
  });

  it('derives the relation from the lead and the case role, and lets only lookup roles find subjects', () => {
    expect(relationOf({ name: 'Ana', role: 'analyst' }, 'Ana', null)).toBe('lead');
    expect(relationOf({ name: 'Ana', role: 'analyst' }, 'Ben', 'viewer')).toBe('viewer');
    expect(relationOf({ name: 'Ana', role: 'analyst' }, 'Ben', null)).toBe('none');
    expect(relationOf({ name: 'Dana', role: 'program_manager' }, 'Ben', null)).toBe('program_manager');
    expect(can({ name: 'h', role: 'behavioral_science' }, 'subject.find', 'none')).toBe(false);
    expect(can({ name: 'a', role: 'analyst' }, 'subject.find', 'none')).toBe(true);
  });

  it('says which vault roles can hold which case roles, and refuses in words', () => {
    expect(caseRoleProblem('analyst', 'member')).toBeNull();
    expect(caseRoleProblem('legal', 'legal')).toBeNull();
    expect(caseRoleProblem('analyst', 'legal')).toMatch(/legal role/);
    expect(caseRoleProblem('legal', 'lead')).toMatch(/legal or viewer/);
    expect(caseRoleProblem('program_manager', 'member')).toMatch(/sees every case/);
    expect(refusalMessage('case.export', 'none')).toBe('You may not export cases. Your role does not allow it. Only a program manager can. Nothing was changed.');
    expect(refusalMessage('case.view', 'none')).toBe("You may not open this case. You are not on this case's team. Nothing was changed.");
  });
});
