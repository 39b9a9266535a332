import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useDebounced } from "../lib/useDebounced.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { Pagination } from "../ui/Pagination.tsx";
import { CreateProjectForm } from "./CreateProjectForm.tsx";
import { ProjectList } from "./ProjectList.tsx";

const PAGE_SIZE = 10;

export function ProjectsPage() {
  const [search, setSearch] = useState("");
  const [offset, setOffset] = useState(0);
  const [archived, setArchived] = useState<"exclude" | "only">("exclude");
  const query = useDebounced(search.trim(), 250);
  const projects = useQuery({
    ...trpc.projects.list.queryOptions({
      limit: PAGE_SIZE,
      offset,
      archived,
      ...(query ? { search: query } : {}),
    }),
    placeholderData: (previous) => previous,
  });
  return (
    <main className="page">
      <div className="page-header">
        <h1>Projects</h1>
        <CreateProjectForm />
      </div>
      <div className="toolbar">
        <input
          type="search"
          placeholder="Search projects by name or description"
          aria-label="Search projects"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={archived === "only"}
            onChange={(e) => {
              setArchived(e.target.checked ? "only" : "exclude");
              setOffset(0);
            }}
          />
          Archived only
        </label>
      </div>
      {projects.isPending ? (
        <Loading label="Loading projects…" />
      ) : projects.isError ? (
        <ErrorMessage error={projects.error} />
      ) : (
        <>
          <ProjectList items={projects.data.items} searching={Boolean(query)} />
          <Pagination offset={offset} limit={PAGE_SIZE} total={projects.data.total} onChange={setOffset} />
        </>
      )}
    </main>
  );
}
