import { type EquipmentType, TypeLibrary } from "@ampflux/contracts";
import { useMemo } from "react";

const NO_COMPANY_TYPES: EquipmentType[] = [];

/**
 * The company's own types. The api's `types.list` procedure is not there yet: until it is, the
 * company has none and the library holds the built-in types (every TypeLibrary includes them).
 * This is the one place to switch to the procedure.
 */
function useCompanyTypes(): EquipmentType[] {
  return NO_COMPANY_TYPES;
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
