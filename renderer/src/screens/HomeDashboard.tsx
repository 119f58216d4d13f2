import { useId, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { HomeDashboard as Figures } from '../../../shared/contract/dashboard';
import { call } from '../api/client';
import { loaded, LoadStatus, useLoad } from '../useLoad';
import { riskLabels, stageLabels } from '../labels';

interface Datum {
  label: string;
  value: number;
}

/** One bar chart with its caption and a "Show as table" alternative holding the same figures. */
function BarFigure({ title, caption, data, color }: { title: string; caption: string; data: Datum[]; color: string }) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const captionId = useId();
  return (
    <section className="card chart-card" aria-labelledby={titleId}>
      <div className="chart-head">
        <h3 id={titleId}>{title}</h3>
        <button type="button" className="btn" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </button>
      </div>
      <figure className="chart">
        {asTable ? (
          <table className="data">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{title}</th>
                <th scope="col">Count</th>
              </tr>
            </thead>
            <tbody>
              {data.map((d) => (
                <tr key={d.label}>
                  <th scope="row">{d.label}</th>
                  <td>{d.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <div role="img" aria-labelledby={captionId} className="chart-plot">
            <ResponsiveContainer width="100%" height={24 + 34 * data.length}>
              <BarChart data={data} layout="vertical" margin={{ top: 0, right: 28, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid stroke="#d9dde3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fill: '#3d4651', fontSize: 11 }} />
                <YAxis type="category" dataKey="label" width={150} interval={0} tick={{ fill: '#3d4651', fontSize: 12 }} />
                <Bar dataKey="value" fill={color} isAnimationActive={false} maxBarSize={22}>
                  <LabelList dataKey="value" position="right" fill="#1b2330" fontSize={12} />
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
        <figcaption id={captionId}>{caption}</figcaption>
      </figure>
    </section>
  );
}

const list = (data: Datum[]) => data.map((d) => `${d.label} ${d.value}`).join(', ');

/** The program dashboard on Home: caseload, overdue work and reporting timeliness, each a chart with a table alternative. */
export function HomeDashboard() {
  const dashboard = useLoad(() => call('home.dashboard', {}), []);
  if (!loaded(dashboard)) return <LoadStatus of={dashboard} loading="Loading the program dashboard…" failed="The program dashboard could not be read" />;
  const figures: Figures = dashboard.data;
  const stage: Datum[] = [
    { label: stageLabels.predisposition, value: figures.byStage.predisposition },
    { label: stageLabels.stressor, value: figures.byStage.stressor },
    { label: stageLabels.concerning_behavior, value: figures.byStage.concerning_behavior },
    { label: 'No indicators yet', value: figures.byStage.none },
  ];
  const risk: Datum[] = [
    { label: 'Not assessed', value: figures.byRisk.not_assessed },
    ...(['low', 'moderate', 'high', 'critical'] as const).map((r) => ({ label: riskLabels[r], value: figures.byRisk[r] })),
  ];
  const age: Datum[] = [
    { label: 'Under 30 days', value: figures.byAge.under_30 },
    { label: '30–89 days', value: figures.byAge.d30_89 },
    { label: '90–179 days', value: figures.byAge.d90_179 },
    { label: '180 days or more', value: figures.byAge.d180_plus },
  ];
  const overdue: Datum[] = [
    { label: 'Reviews overdue', value: figures.overdue.reviews },
    { label: 'Actions overdue', value: figures.overdue.actions },
  ];
  const o = figures.obligations;
  const obligations: Datum[] = [
    { label: 'Reported on time', value: o.onTime },
    { label: 'Reported late', value: o.late },
    { label: 'Not yet due', value: o.dueNotYetReported },
    { label: 'Overdue, not reported', value: o.overdueNotReported },
  ];
  const cases = `${figures.activeCases} case${figures.activeCases === 1 ? '' : 's'} being worked`;
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h2 id="dashboard-title" className="section-title">
        Program dashboard
      </h2>
      <div className="grid-3 dashboard-grid">
        <BarFigure title="Caseload by furthest pathway stage" caption={`${cases}, by the furthest pathway stage of their indicators: ${list(stage)}.`} data={stage} color="#1f4e79" />
        <BarFigure title="Caseload by risk" caption={`${cases}, by assessed risk: ${list(risk)}.`} data={risk} color="#8a4b00" />
        <BarFigure title="Case age" caption={`${cases}, by days since opened: ${list(age)}.`} data={age} color="#2e6b30" />
        <BarFigure title="Overdue reviews and actions" caption={`Cases being worked with the next review date passed, and open actions past their due date: ${list(overdue)}.`} data={overdue} color="#b3261e" />
        <BarFigure
          title="Reporting obligations"
          caption={`External reporting obligations, reported within their timing (immediately: 1 day, promptly: 7 days, per internal procedures: 30 days) or not: ${list(obligations)}. ${o.notRequired} found not required.`}
          data={obligations}
          color="#6a1b9a"
        />
      </div>
    </section>
  );
}
