import { useQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

export interface AuditFilterValues {
  action: string;
  userId: string;
  /** yyyy-mm-dd from date inputs; `to` includes that whole day. */
  from: string;
  to: string;
}

const ACTIONS = [
  "auth.sign_up",
  "auth.log_in",
  "auth.change_password",
  "auth.log_out_everywhere",
  "api_key.create",
  "api_key.revoke",
  "user.invite",
  "user.change_role",
  "user.deactivate",
  "project.create",
  "project.update",
  "project.study_settings",
  "project.archive",
  "project.restore",
  "project.delete",
  "project.member_set",
  "project.member_remove",
  "circuit.save",
  "simulation.run",
  "simulation.cancel",
];

export function AuditFilters({
  value,
  onChange,
}: {
  value: AuditFilterValues;
  onChange(v: AuditFilterValues): void;
}) {
  const users = useQuery(trpc.users.list.queryOptions());
  const set =
    (key: keyof AuditFilterValues) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) =>
      onChange({ ...value, [key]: e.target.value });
  return (
    <div className="toolbar filters">
      <label>
        Action
        <select value={value.action} onChange={set("action")}>
          <option value="">all</option>
          {ACTIONS.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      </label>
      <label>
        User
        <select value={value.userId} onChange={set("userId")}>
          <option value="">everyone</option>
          {users.data?.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={value.from} onChange={set("from")} />
      </label>
      <label>
        To
        <input type="date" value={value.to} onChange={set("to")} />
      </label>
    </div>
  );
}
