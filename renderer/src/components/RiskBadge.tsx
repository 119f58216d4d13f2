import type { CaseRisk } from '../../../shared/model/schedule';
import { riskLabels } from '../labels';

export function RiskBadge({ risk }: { risk: CaseRisk }) {
  return <span className={`badge badge-${risk}`}>{riskLabels[risk]}</span>;
}
