import { type EquipmentType, TypeLibrary } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { trpc } from "../trpc.ts";

const NO_COMPANY_TYPES: EquipmentType[] = [];

/**
 * The company's own types from the api's type library (`types.list` returns the built-ins too;
 * every TypeLibrary has those already). Until the list arrives, and if it cannot be read, the
 * editor works with the built-ins alone.
 */
export const typeListQuery = () => ({ ...trpc.types.list.queryOptions({}), staleTime: 60_000 });

function useCompanyTypes(): EquipmentType[] {
  const list = useQuery(typeListQuery());
  return useMemo(() => list.data?.filter((type) => !type.builtin) ?? NO_COMPANY_TYPES, [list.data]);
}

export interface TypeLibraryValue {
  /** Built-in and company types, for the type picker, validation and "overridden" marks. */
  library: TypeLibrary;
  /** The company's types alone, for the engine worker (which knows the built-ins itself). */
  companyTypes: EquipmentType[];
}

export function useTypeLibrary(): TypeLibraryValue {
  const companyTypes = useCompanyTypes();
  const library = useMemo(() => new TypeLibrary(companyTypes), [companyTypes]);
  return useMemo(() => ({ library, companyTypes }), [library, companyTypes]);
}
