/** Daily API calls and token issuances over the last 30 days, as plain SVG bars (no chart library needed). */
export function ActivityChart({ days }: { days: { day: string; calls: number; tokens: number }[] }) {
  const max = Math.max(1, ...days.map((d) => Math.max(d.calls, d.tokens)));
  const width = 600;
  const height = 120;
  const step = width / Math.max(1, days.length);
  const total = days.reduce((n, d) => n + d.calls + d.tokens, 0);
  if (!total) return <p className="text-sm text-zinc-500">No activity recorded in the last 30 days.</p>;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height + 16}`} role="img" aria-label={`Daily activity: ${days.reduce((n, d) => n + d.calls, 0)} API calls and ${days.reduce((n, d) => n + d.tokens, 0)} token issuances in ${days.length} days`} className="w-full">
        {days.map((d, i) => (
          <g key={d.day}>
            <title>{`${d.day}: ${d.calls} calls, ${d.tokens} tokens`}</title>
            <rect x={i * step + 1} y={height - (d.calls / max) * height} width={step / 2 - 1} height={(d.calls / max) * height} className="fill-indigo-600" />
            <rect x={i * step + step / 2} y={height - (d.tokens / max) * height} width={step / 2 - 1} height={(d.tokens / max) * height} className="fill-amber-500" />
          </g>
        ))}
        <text x={0} y={height + 14} className="fill-zinc-500 text-[10px]">{days[0]?.day}</text>
        <text x={width} y={height + 14} textAnchor="end" className="fill-zinc-500 text-[10px]">{days.at(-1)?.day}</text>
      </svg>
      <figcaption className="mt-1 flex gap-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span><span className="mr-1 inline-block h-2 w-2 bg-indigo-600" />API calls</span>
        <span><span className="mr-1 inline-block h-2 w-2 bg-amber-500" />Token issuances</span>
      </figcaption>
    </figure>
  );
}
