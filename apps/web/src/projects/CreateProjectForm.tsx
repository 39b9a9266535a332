import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { fieldError } from "../lib/errors.ts";
import { trpc } from "../trpc.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Field } from "../ui/Field.tsx";

export function CreateProjectForm() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.projects.create.mutationOptions({
      onSuccess: async (project) => {
        await queryClient.invalidateQueries({ queryKey: trpc.projects.list.pathKey() });
        setOpen(false);
        navigate(`/projects/${project.id}`);
      },
    }),
  );
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)}>
        New project
      </button>
      <Dialog title="New project" open={open} onClose={() => setOpen(false)}>
        <form
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name, description });
          }}
        >
          <Field
            label="Name"
            required
            autoFocus
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={fieldError(create.error, "name")}
          />
          <Field
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            error={fieldError(create.error, "description")}
          />
          <ErrorMessage error={create.error} />
          <button type="submit" className="primary" disabled={create.isPending}>
            {create.isPending ? "Creating…" : "Create project"}
          </button>
        </form>
      </Dialog>
    </>
  );
}
