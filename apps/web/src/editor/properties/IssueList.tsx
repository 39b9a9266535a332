import type { NetworkIssue } from "@ampflux/contracts";
import { useEditor } from "../EditorContext.tsx";
import { wordIssue } from "./issues.ts";

/** Validation messages naming the element and the field's label; clicking one selects its element. */
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
          const { id, element, text } = wordIssue(doc, issue);
          return (
            <li key={`${issue.path.join(".")}:${issue.message}`}>
              {id ? (
                <button
                  type="button"
                  className="link-button"
                  onClick={() => dispatch({ type: "select", ids: [id] })}
                >
                  {element}
                </button>
              ) : (
                <code>{element}</code>
              )}
              : {text}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
