/** A table's header row from column names; names starting with '#' are numeric (right-aligned), e.g. '#Scored'. */
export function TableHead({ columns }: { columns: string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => (c.startsWith('#') ? <th class="num">{c.slice(1)}</th> : <th>{c}</th>))}
      </tr>
    </thead>
  );
}
