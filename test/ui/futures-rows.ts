// Reads the futures panel back from drawn rows (a terminal's screen or Ink's frame): how many
// futures it shows and how many its "+N more" (on its last row, or beside its title when it has
// only two rows) says it leaves out. Shared by the panel tests and the terminal screens.

/** What stands right of the source panel's border, or the whole row when panels are stacked. */
export const rightOf = (row: string): string => (row.includes('│') ? row.slice(row.indexOf('│') + 1) : row);

export function futuresRows(rows: readonly string[], title: string): { at: number; shown: number; more: number } | undefined {
  const at = rows.findIndex((r) => rightOf(r).startsWith(title));
  if (at < 0) return undefined;
  const folded = /\+([\d,]+)/.exec(rightOf(rows[at]!).slice(title.length));
  let shown = 0;
  let more = folded ? Number(folded[1]!.replace(/,/g, '')) : 0;
  for (const row of rows.slice(at + 1)) {
    const text = rightOf(row);
    if (/^(▸ | {2})(Task|Future|concurrent\.futures\.Future)/.test(text)) shown++;
    // A future's line too long for the column goes on under it, indented further.
    else if (/^ {4}\S/.test(text)) continue;
    else if (/^ {2}\+[\d,]+ /.test(text)) more = Number(/\+([\d,]+)/.exec(text)![1]!.replace(/,/g, ''));
    else break;
  }
  return { at, shown, more };
}
