import { useId, useState } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { NameType, ValueType } from 'recharts/types/component/DefaultTooltipContent';
import type { CaseView } from '../../../../shared/contract/cases';
import { formatDate } from '../../labels';
import { pathwayCaption, pathwayKindLabels, pathwayKinds, pathwayLanes, pathwayPoints, type PathwayKind, type PathwayPoint } from './pathwayPoints';

const kindStyle: Record<PathwayKind, { color: string; shape: 'circle' | 'diamond' | 'triangle' | 'square' }> = {
  indicator: { color: '#1f4e79', shape: 'circle' },
  assessment: { color: '#8a4b00', shape: 'diamond' },
  action: { color: '#2e6b30', shape: 'triangle' },
  review: { color: '#6a1b9a', shape: 'square' },
};

const dayMs = 86_400_000;
const isoDay = (x: number) => new Date(x).toISOString().slice(0, 10);

function PointTooltip({ active, payload }: TooltipContentProps<ValueType, NameType>) {
  const point = payload[0]?.payload as PathwayPoint | undefined;
  if (active !== true || point === undefined) return null;
  return (
    <div className="chart-tooltip">
      <strong>{pathwayKindLabels[point.kind]}</strong> · {formatDate(point.date)}
      <br />
      {point.label}
    </div>
  );
}

/** The SVG chart itself, never animated (marks stand where their dates are at once, and a printout is captured as laid out); in print at a fixed size. */
function PathwayPlot({ points, print }: { points: PathwayPoint[]; print: boolean }) {
  const xs = points.map((p) => p.x);
  const span = Math.max(...xs) - Math.min(...xs);
  const pad = Math.max(3 * dayMs, span * 0.05);
  const chart = (
    <ScatterChart width={print ? 660 : undefined} height={print ? 230 : undefined} margin={{ top: 8, right: 24, bottom: 4, left: 8 }} accessibilityLayer={false}>
      <CartesianGrid stroke="#d9dde3" />
      <XAxis dataKey="x" type="number" scale="time" domain={[Math.min(...xs) - pad, Math.max(...xs) + pad]} tickFormatter={isoDay} tick={{ fill: '#3d4651', fontSize: 12 }} name="Date" />
      <YAxis dataKey="lane" type="number" domain={[-0.5, pathwayLanes.length - 0.5]} ticks={pathwayLanes.map((_, i) => i)} tickFormatter={(i: number) => pathwayLanes[i] ?? ''} width={print ? 170 : 200} tick={{ fill: '#3d4651', fontSize: 12 }} interval={0} name="Pathway stage" />
      {print ? null : <Tooltip content={PointTooltip} cursor={{ strokeDasharray: '3 3' }} />}
      <Legend verticalAlign="bottom" height={28} />
      {pathwayKinds.map((kind) => {
        const data = points.filter((p) => p.kind === kind);
        return data.length === 0 ? null : (
          <Scatter key={kind} name={pathwayKindLabels[kind]} data={data} fill={kindStyle[kind].color} shape={kindStyle[kind].shape} isAnimationActive={false} legendType={kindStyle[kind].shape} />
        );
      })}
    </ScatterChart>
  );
  return print ? (
    chart
  ) : (
    <ResponsiveContainer width="100%" height={280}>
      {chart}
    </ResponsiveContainer>
  );
}

/** The marks of the chart as a table: the accessible alternative, and the way to read exact dates. */
export function PathwayTable({ points, caption }: { points: PathwayPoint[]; caption: string }) {
  return (
    <table className="data pathway-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Pathway stage</th>
          <th scope="col">Kind</th>
          <th scope="col">What</th>
        </tr>
      </thead>
      <tbody>
        {points.map((p, i) => (
          <tr key={`${p.kind}-${p.x}-${i}`}>
            <td className="nowrap">{formatDate(p.date)}</td>
            <td>{pathwayLanes[p.lane]}</td>
            <td>{pathwayKindLabels[p.kind]}</td>
            <td>{p.label}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The critical-pathway timeline of a case: indicators by date on the lane of their
 * pathway stage, and assessments, actions and reviews on their own lane. On screen
 * a "Show as table" button swaps the picture for a table of the same marks; in
 * print the picture is drawn at a fixed width with its caption.
 */
export function PathwayChart({ view, print = false }: { view: Pick<CaseView, 'indicators' | 'assessments' | 'actions' | 'reviews'>; print?: boolean }) {
  const [asTable, setAsTable] = useState(false);
  const captionId = useId();
  const points = pathwayPoints(view);
  const caption = pathwayCaption(points);
  if (points.length === 0) {
    return <p className={print ? 'none-recorded' : 'muted'}>Nothing to chart yet: no indicators, assessments, actions with a due date, or reviews.</p>;
  }
  if (print) {
    return (
      <figure className="print-chart pathway-chart">
        <div role="img" aria-labelledby={captionId}>
          <PathwayPlot points={points} print />
        </div>
        <figcaption id={captionId}>{caption}</figcaption>
      </figure>
    );
  }
  return (
    <figure className="chart pathway-chart">
      <div className="chart-head">
        <figcaption id={captionId}>{caption}</figcaption>
        <button type="button" className="btn" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      {asTable ? (
        <PathwayTable points={points} caption={caption} />
      ) : (
        <div role="img" aria-labelledby={captionId} className="chart-plot">
          <PathwayPlot points={points} print={false} />
        </div>
      )}
    </figure>
  );
}
