// Plain SVG charts for the campaign page: server-rendered, no client JS, each with a text alternative.

export function ProgressDonut({ decided, total }: { decided: number; total: number }) {
  const pct = total ? decided / total : 0;
  const r = 42;
  const c = 2 * Math.PI * r;
  return (
    <figure className="flex items-center gap-4">
      <svg viewBox="0 0 100 100" className="h-28 w-28" role="img" aria-label={`${Math.round(pct * 100)}% decided: ${decided} of ${total}`}>
        <circle cx="50" cy="50" r={r} fill="none" strokeWidth="12" className="stroke-zinc-200 dark:stroke-zinc-800" />
        <circle cx="50" cy="50" r={r} fill="none" strokeWidth="12" strokeDasharray={`${pct * c} ${c}`} transform="rotate(-90 50 50)" className="stroke-indigo-600" />
        <text x="50" y="55" textAnchor="middle" className="fill-current text-[18px] font-semibold">{Math.round(pct * 100)}%</text>
      </svg>
      <figcaption className="text-sm"><span className="text-2xl font-semibold" data-testid="progress-decided">{decided}</span> of {total} decided</figcaption>
    </figure>
  );
}

export function Burndown({ points, total }: { points: { day: string; open: number }[]; total: number }) {
  if (points.length < 1 || !total) return <p className="text-sm text-zinc-500">The burndown starts once the campaign is launched.</p>;
  const w = 320;
  const h = 120;
  const x = (i: number) => (points.length === 1 ? w / 2 : (i / (points.length - 1)) * w);
  const y = (open: number) => h - (open / total) * h;
  const path = points.map((p, i) => `${i ? "L" : "M"}${x(i).toFixed(1)},${y(p.open).toFixed(1)}`).join(" ");
  const last = points.at(-1)!;
  return (
    <figure>
      <svg viewBox={`-4 -4 ${w + 8} ${h + 24}`} className="w-full" role="img" aria-label={`Burndown: ${last.open} of ${total} items open on ${last.day}, from ${points[0]!.open} on ${points[0]!.day}`}>
        <line x1={0} y1={y(total)} x2={w} y2={h} strokeDasharray="4 4" className="stroke-zinc-400" />
        <path d={path} fill="none" strokeWidth="2.5" className="stroke-indigo-600" />
        {points.map((p, i) => <circle key={p.day} cx={x(i)} cy={y(p.open)} r={2.5} className="fill-indigo-600"><title>{`${p.day}: ${p.open} open`}</title></circle>)}
        <text x={0} y={h + 16} className="fill-zinc-500 text-[10px]">{points[0]!.day}</text>
        <text x={w} y={h + 16} textAnchor="end" className="fill-zinc-500 text-[10px]">{last.day}</text>
      </svg>
      <figcaption className="text-xs text-zinc-600 dark:text-zinc-400">Open items per day (dashed: even pace to zero)</figcaption>
    </figure>
  );
}

const tones: Record<string, string> = { green: "fill-emerald-600", red: "fill-red-600", violet: "fill-violet-600", amber: "fill-amber-500", zinc: "fill-zinc-500", indigo: "fill-indigo-600" };

export function Bars({ title, entries }: { title: string; entries: { label: string; value: number; tone: keyof typeof tones }[] }) {
  const max = Math.max(1, ...entries.map((e) => e.value));
  const row = 22;
  return (
    <figure>
      <svg viewBox={`0 0 320 ${entries.length * row}`} className="w-full" role="img" aria-label={`${title}: ${entries.map((e) => `${e.label} ${e.value}`).join(", ")}`}>
        {entries.map((e, i) => (
          <g key={e.label} transform={`translate(0 ${i * row})`}>
            <text x={0} y={14} className="fill-current text-[11px]">{e.label}</text>
            <rect x={110} y={4} width={Math.max(e.value ? 2 : 0, (e.value / max) * 170)} height={12} className={tones[e.tone]} />
            <text x={316} y={14} textAnchor="end" className="fill-current text-[11px]">{e.value}</text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
