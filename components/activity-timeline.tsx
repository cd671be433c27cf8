/**
 * Daily API calls and token issuances (30 days) against the identity's baseline: bars per day and a
 * dashed line at the 30-day median × the spike factor (where a spike would fire). Plain SVG.
 */
export function ActivityTimeline({ days, medianCalls, medianTokens, callFactor, tokenFactor }: {
  days: { day: string; calls: number; tokens: number }[];
  medianCalls: number;
  medianTokens: number;
  callFactor: number;
  tokenFactor: number;
}) {
  const width = 600;
  const height = 120;
  const step = width / Math.max(1, days.length);
  const callsTotal = days.reduce((n, d) => n + d.calls, 0);
  const tokensTotal = days.reduce((n, d) => n + d.tokens, 0);
  if (!callsTotal && !tokensTotal) return <p className="text-sm text-zinc-500">No activity recorded in the last 30 days.</p>;
  const callLimit = medianCalls * callFactor;
  const tokenLimit = medianTokens * tokenFactor;
  const max = Math.max(1, ...days.map((d) => Math.max(d.calls, d.tokens)), medianCalls, medianTokens);
  const y = (v: number) => height - (Math.min(v, max) / max) * height;
  return (
    <figure>
      <svg viewBox={`0 0 ${width} ${height + 16}`} role="img" className="w-full"
        aria-label={`Last 30 days: ${callsTotal} API calls (median ${medianCalls} a day) and ${tokensTotal} token issuances (median ${medianTokens} a day)`}>
        {days.map((d, i) => (
          <g key={d.day}>
            <title>{`${d.day}: ${d.calls} calls, ${d.tokens} tokens`}</title>
            <rect x={i * step + 1} y={y(d.calls)} width={step / 2 - 1} height={height - y(d.calls)} className="fill-indigo-600" />
            <rect x={i * step + step / 2} y={y(d.tokens)} width={step / 2 - 1} height={height - y(d.tokens)} className="fill-amber-500" />
          </g>
        ))}
        <line x1={0} x2={width} y1={y(medianCalls)} y2={y(medianCalls)} className="stroke-indigo-400" strokeWidth={1} />
        {callLimit <= max ? <line x1={0} x2={width} y1={y(callLimit)} y2={y(callLimit)} className="stroke-indigo-400" strokeDasharray="4 3" strokeWidth={1} /> : null}
        {medianTokens ? <line x1={0} x2={width} y1={y(medianTokens)} y2={y(medianTokens)} className="stroke-amber-400" strokeWidth={1} /> : null}
        {medianTokens && tokenLimit <= max ? <line x1={0} x2={width} y1={y(tokenLimit)} y2={y(tokenLimit)} className="stroke-amber-400" strokeDasharray="4 3" strokeWidth={1} /> : null}
        <text x={0} y={height + 14} className="fill-zinc-500 text-[10px]">{days[0]?.day}</text>
        <text x={width} y={height + 14} textAnchor="end" className="fill-zinc-500 text-[10px]">{days.at(-1)?.day}</text>
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-4 text-xs text-zinc-600 dark:text-zinc-400">
        <span><span className="mr-1 inline-block h-2 w-2 bg-indigo-600" />API calls (median {medianCalls}/day)</span>
        <span><span className="mr-1 inline-block h-2 w-2 bg-amber-500" />Token issuances (median {medianTokens}/day)</span>
        <span>solid line: baseline median · dashed: spike threshold</span>
      </figcaption>
    </figure>
  );
}
