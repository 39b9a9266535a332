// Account emails (password reset, verification, email change) go through the same retried
// send_email job as notification emails; the payload carries the message's data instead of a
// notification id (contracts' accountEmailSchema).

import type { AccountEmail } from "@ampflux/contracts";
import { sql } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { EMAIL_MAX_ATTEMPTS, EMAIL_TASK } from "./notifications.ts";

/** Queues an account email; the job runs only once the caller's transaction commits. */
export async function enqueueAccountEmail(db: Executor, email: AccountEmail): Promise<void> {
  await db.execute(sql`
    select graphile_worker.add_job(
      ${EMAIL_TASK},
      json_build_object('account', ${JSON.stringify(email)}::json),
      max_attempts := ${EMAIL_MAX_ATTEMPTS}
    )`);
}
