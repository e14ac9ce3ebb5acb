/** Name/value pairs in their original order and case (headers arrive as a list, not a map). */
export function PairsTable({ pairs, testId }: { pairs: readonly (readonly [string, string])[]; testId: string }) {
  return (
    <table className="pairs" data-testid={testId}>
      <tbody>
        {pairs.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
