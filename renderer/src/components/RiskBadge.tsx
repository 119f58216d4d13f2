import type { RiskLevel } from '../../../shared/domain/ids';
import { riskLabels } from '../labels';

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  return <span className={`badge badge-${risk}`}>{riskLabels[risk]}</span>;
}
