import { z } from "zod";

/** Emails are compared and stored lower-cased. */
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address" }).max(254));

/** NIST SP 800-63B: length over composition rules; the upper bound keeps hashing cheap. */
export const passwordSchema = z
  .string()
  .min(10, "must be at least 10 characters")
  .max(256, "must be at most 256 characters");

export const personNameSchema = z.string().trim().min(1, "is required").max(120);
export const companyNameSchema = z.string().trim().min(1, "is required").max(200);

export const companyRoleSchema = z.enum(["company_admin", "user"]);

/** How long an invitation link works (users.invite and `ampflux companies create --admin`). */
export const INVITATION_LIFETIME_MS = 7 * 86_400_000;
export const projectRoleSchema = z.enum(["owner", "editor", "viewer"]);
export type CompanyRole = z.infer<typeof companyRoleSchema>;
export type ProjectRole = z.infer<typeof projectRoleSchema>;

/** Ordered from least to most rights: a role includes the rights of those before it. */
export const projectRoleRank: Record<ProjectRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** Either founds a company (companyName) or joins one (invitationToken), never both. */
export const signUpInputSchema = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: personNameSchema,
    companyName: companyNameSchema.optional(),
    invitationToken: z.string().min(1).max(200).optional(),
  })
  .refine((v) => (v.companyName === undefined) !== (v.invitationToken === undefined), {
    message: "give either companyName (to create a company) or invitationToken (to join one)",
    path: ["companyName"],
  });

export const logInInputSchema = z.object({ email: emailSchema, password: z.string().min(1).max(256) });

export const projectNameSchema = z.string().trim().min(1, "is required").max(200);

/** Cursor-free pagination: small pages, bounded offsets. */
export const pageInputSchema = z.object({
  limit: z.number().int().min(1).max(100).default(25),
  offset: z.number().int().min(0).max(100_000).default(0),
});
