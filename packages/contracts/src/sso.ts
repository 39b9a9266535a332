import { z } from "zod";

/** A DNS name as users' emails end (example.com), stored lower-cased. */
export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    "must be a domain name such as example.com",
  );

/** What a company admin sets for OpenID Connect single sign-on (sso.configure). */
export const ssoConfigInputSchema = z.object({
  issuerUrl: z
    .url({ protocol: /^https?$/, error: "must be the issuer's http(s) URL" })
    .max(2_000)
    .transform((url) => url.replace(/\/+$/, "")),
  clientId: z.string().trim().min(1, "is required").max(500),
  /** Omitted when changing other fields: the stored secret is kept. */
  clientSecret: z.string().min(1, "is required").max(2_000).optional(),
  emailDomains: z
    .array(emailDomainSchema)
    .min(1, "give at least one email domain")
    .max(50)
    .refine((domains) => new Set(domains).size === domains.length, "lists a domain twice"),
  ssoOnly: z.boolean().default(false),
});
export type SsoConfigInput = z.infer<typeof ssoConfigInputSchema>;

/** The path (on the web app's origin, forwarded to the api) the identity provider returns to. */
export const SSO_CALLBACK_PATH = "/auth/sso/callback";
export const SSO_START_PATH = "/auth/sso/start";
