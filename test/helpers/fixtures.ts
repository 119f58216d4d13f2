import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { evaluateInputSchema, type EvaluateInput } from '../../shared/domain/evaluate/schema';
import { repoRoot } from './seeds';

/** The evaluate-input fixtures of the three case studies of the mitigation guide. */
export const evaluateFixtureDir = resolve(repoRoot, 'test', 'fixtures', 'evaluate');

export const evaluateFixtureNames = ['gambling-debt.json', 'domingo.json', 'toebbe-dod.json', 'toebbe-federal.json', 'toebbe-industry.json'] as const;

export function evaluateFixturePath(name: string): string {
  return resolve(evaluateFixtureDir, name);
}

export function loadEvaluateFixture(name: (typeof evaluateFixtureNames)[number]): EvaluateInput {
  return evaluateInputSchema.parse(JSON.parse(readFileSync(evaluateFixturePath(name), 'utf8')));
}
