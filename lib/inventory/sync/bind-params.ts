/**
 * PostgreSQL refuses parameters a statement does not use, so the sync's shared parameter list
 * ($1 workspace … $7 retained ids) is narrowed per statement: the placeholders it uses are renumbered
 * in order and only their values are sent. Values stay bound parameters, never spliced into SQL.
 */
export function bindParams(sql: string, values: readonly unknown[]): { sql: string; values: unknown[] } {
  const order: number[] = [];
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n);
    if (index < 1 || index > values.length) throw new Error(`statement uses $${n}, but only ${values.length} values are bound`);
    let position = order.indexOf(index);
    if (position === -1) position = order.push(index) - 1;
    return `$${position + 1}`;
  });
  return { sql: text, values: order.map((i) => values[i - 1]) };
}
