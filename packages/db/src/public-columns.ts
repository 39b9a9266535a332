// Projections of rows that leave the database (lists, exports): what may be shown, never a
// password hash or a key hash. One definition, so a new secret column is left out everywhere.

import { apiKeys, users } from "./schema/auth.ts";

export const userPublicColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  active: users.active,
  createdAt: users.createdAt,
};

export const apiKeyPublicColumns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
};
