import type { TaskList } from "graphile-worker";
import { batchStudyTask } from "./batch-study.ts";
import { cleanupExpired } from "./cleanup.ts";
import { exportCompanyTask } from "./export-company.ts";
import { exportUserTask } from "./export-user.ts";
import { generateReportTask } from "./generate-report.ts";
import { loadFlowTask } from "./load-flow.ts";
import { outageScreeningPartTask, outageScreeningTask } from "./outage-screening.ts";
import { purgeCompaniesTask } from "./purge-companies.ts";
import { sendEmailTask } from "./send-email.ts";
import { simulateTask } from "./simulate.ts";
import type { TaskDeps } from "./study.ts";

/**
 * Every task this worker runs, keyed by the identifier jobs are queued under (SIMULATION_TASKS,
 * EMAIL_TASK, REPORT_TASK, EXPORT_TASKS, PURGE_TASK).
 */
export function createTaskList(deps: TaskDeps): TaskList {
  return {
    cleanup: async (_payload, helpers) => {
      const removed = await cleanupExpired(deps.db);
      helpers.logger.info(
        `cleanup removed ${removed.sessions} sessions, ${removed.invitations} invitations, ${removed.accountTokens} account links, ${removed.exportArchives} expired export archives`,
      );
    },
    simulate: simulateTask(deps),
    batch_study: batchStudyTask(deps),
    load_flow: loadFlowTask(deps),
    outage_screening: outageScreeningTask(deps),
    outage_screening_part: outageScreeningPartTask(deps),
    send_email: sendEmailTask(deps),
    generate_report: generateReportTask(deps),
    export_user: exportUserTask(deps),
    export_company: exportCompanyTask(deps),
    purge_companies: purgeCompaniesTask(deps),
  };
}

/**
 * Recurring jobs (graphile-worker crontab syntax): cleanup at minute 7 of every hour, and the
 * purge of companies whose deletion grace period ended at minute 37 (each is also queued for
 * its own time by the api; this catches any job lost).
 */
export const crontab = ["7 * * * * cleanup ?max=3", "37 * * * * purge_companies ?max=3"].join("\n");
