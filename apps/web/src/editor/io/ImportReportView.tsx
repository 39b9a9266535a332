import type { NetworkIssue } from "@ampflux/contracts";
import type { ImportReport } from "@ampflux/contracts/importers";

/** What the importer mapped, which values it had to assume (the defaults), adjusted or dropped. */
export function ImportReportView({
  report,
  warnings,
}: {
  report: ImportReport | null;
  warnings: NetworkIssue[];
}) {
  return (
    <div className="stack import-report" data-testid="import-report">
      {report ? (
        <>
          <p>The network is in the editor; save it as a version to keep it.</p>
          <h3>Assumed values (not in the file)</h3>
          {report.defaulted.length === 0 ? (
            <p className="muted">None.</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th>Field</th>
                  <th>Value</th>
                  <th className="num">Elements</th>
                  <th>Why</th>
                </tr>
              </thead>
              <tbody>
                {report.defaulted.map((d) => (
                  <tr key={`${d.field}:${String(d.value)}`}>
                    <td>
                      <code>{d.field}</code>
                    </td>
                    <td>{d.value === null ? "unset" : String(d.value)}</td>
                    <td className="num">{d.count}</td>
                    <td className="muted">{d.why}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Mapped</h3>
          <ul>
            {report.mapped.map((m) => (
              <li key={`${m.from}:${m.to}`}>
                {m.count} × {m.from} → {m.to}
              </li>
            ))}
          </ul>
          {report.adjusted.length > 0 && (
            <>
              <h3>Adjusted</h3>
              <ul>
                {report.adjusted.map((a) => (
                  <li key={a.field}>
                    <code>{a.field}</code> on {a.count} element(s) ({a.ids.join(", ")}): {a.why}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.dropped.length > 0 && (
            <>
              <h3>Not imported</h3>
              <ul>
                {report.dropped.map((d) => (
                  <li key={d.item}>
                    {d.item} ({d.count}): {d.why}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <p>The network document is in the editor; save it as a version to keep it.</p>
      )}
      {warnings.length > 0 && (
        <p className="muted">
          {warnings.length} validation warning(s): see the Properties tab with nothing selected.
        </p>
      )}
    </div>
  );
}
