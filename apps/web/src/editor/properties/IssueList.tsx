import type { NetworkIssue } from "@ampflux/contracts";
import { useEditor } from "../EditorContext.tsx";
import { elementOfIssue } from "./issues.ts";

/** Validation messages with their paths; clicking one selects its element. */
export function IssueList({
  title,
  issues,
  kind,
}: {
  title: string;
  issues: NetworkIssue[];
  kind: "error" | "warning";
}) {
  const { doc, dispatch } = useEditor();
  if (issues.length === 0) return null;
  return (
    <section className={`issues issues-${kind}`} aria-label={title}>
      <h3>
        {title} ({issues.length})
      </h3>
      <ul>
        {issues.slice(0, 100).map((issue) => {
          const id = elementOfIssue(doc, issue);
          const where = id
            ? `${id}${issue.path.length > 2 ? `.${issue.path.slice(2).join(".")}` : ""}`
            : issue.path.join(".");
          return (
            <li key={`${issue.path.join(".")}:${issue.message}`}>
              {id ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => dispatch({ type: "select", ids: [id] })}
                >
                  {where}
                </button>
              ) : (
                <code>{where || "document"}</code>
              )}{" "}
              {issue.message}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
