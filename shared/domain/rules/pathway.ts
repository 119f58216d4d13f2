import { indicatorStages, type IndicatorStage } from '../ids';
import type { ObservedIndicator } from './condition';

/** The critical-pathway stages the observed indicators sit on, in pathway order. */
export function stagesPresent(indicators: readonly ObservedIndicator[]): IndicatorStage[] {
  return indicatorStages.filter((stage) => indicators.some((i) => i.stage === stage));
}
