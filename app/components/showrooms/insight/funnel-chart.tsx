import { useEffect, useState } from "react";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

/**
 * Recharts draws after hydration (its server render is an empty box); the tables beside each chart carry the same
 * figures, so the page reads fully without JavaScript and to screen readers (the charts are aria-hidden pictures).
 */
function useMounted() {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return mounted;
}

export function FunnelChart({ stages, label }: { stages: { name: string; count: number }[]; label: string }) {
  const mounted = useMounted();
  return (
    <figure className="min-w-0" aria-label={label}>
      <div className="h-56 w-full" aria-hidden="true">
        {mounted ? (
          <BarChart responsive style={{ width: "100%", height: 224 }} data={stages} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
            <CartesianGrid horizontal={false} stroke="#e2e8f0" />
            <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
            <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Bar dataKey="count" fill="#0f766e" isAnimationActive={false} />
          </BarChart>
        ) : null}
      </div>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}

export function DailyChart({ days, series, label }: { days: Record<string, number | string>[]; series: { key: string; name: string; color: string }[]; label: string }) {
  const mounted = useMounted();
  return (
    <figure className="min-w-0" aria-label={label}>
      <div className="h-60 w-full" aria-hidden="true">
        {mounted ? (
          <LineChart responsive style={{ width: "100%", height: 240 }} data={days} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#e2e8f0" />
            <XAxis dataKey="day" tick={{ fontSize: 11 }} minTickGap={24} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={36} />
            <Tooltip />
            <Legend />
            {series.map((s) => (
              <Line key={s.key} type="monotone" dataKey={s.key} name={s.name} stroke={s.color} dot={false} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : null}
      </div>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
