import { circuitVersions, users } from "@ampflux/db";

/** What lists show of a version (with its author's name); loading one adds the document. */
export const versionSummaryColumns = {
  id: circuitVersions.id,
  version: circuitVersions.version,
  message: circuitVersions.message,
  elementCounts: circuitVersions.elementCounts,
  createdAt: circuitVersions.createdAt,
  authorId: circuitVersions.authorId,
  authorName: users.name,
};
