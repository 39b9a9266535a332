import type { inferOutput } from "@trpc/tanstack-react-query";
import type { trpc } from "../trpc.ts";

/** Output types of the api procedures the pages render, inferred from AppRouter. */
export type ProjectSummary = inferOutput<typeof trpc.projects.list>["items"][number];
export type Project = inferOutput<typeof trpc.projects.get>;
export type VersionSummary = inferOutput<typeof trpc.circuits.list>[number];
export type SimulationSummary = inferOutput<typeof trpc.simulations.list>[number];
export type Simulation = inferOutput<typeof trpc.simulations.get>;
export type SessionInfo = NonNullable<inferOutput<typeof trpc.auth.me>>;
export type ReportSummary = inferOutput<typeof trpc.reports.list>[number];
