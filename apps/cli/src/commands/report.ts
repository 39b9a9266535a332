import type { Command } from "../args.ts";
import type { Api } from "../client.ts";
import { usageError } from "../errors.ts";
import type { Io } from "../io.ts";
import { createReport } from "../report/create.ts";
import { listReports } from "../report/list.ts";

/** A study report (PDF, HTML) made by the api's worker, or with --list the project's reports. */
export async function report(api: Api, command: Command, io: Io): Promise<void> {
  if (!command.flags.list) return createReport(api, command, io);
  const { list: _list, project: _project, ...others } = command.flags;
  const extra = Object.keys(others)[0];
  if (command.args["simulation-id"] !== undefined || extra !== undefined)
    throw usageError(`report --list takes only --project${extra ? `, not --${extra}` : ""}`);
  return listReports(api, command.flags.project ?? "", io);
}
