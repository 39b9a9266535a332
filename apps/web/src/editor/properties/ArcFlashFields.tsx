import { ARC_FLASH_FIELDS } from "@ampflux/contracts";
import { useEditor } from "../EditorContext.tsx";
import type { Element } from "../model/document.ts";
import { ARC_FLASH_DEVICES_KEY, arcFlashUnsetTexts } from "./arc-flash-fields.ts";
import { FieldMessages } from "./FieldMessages.tsx";
import { NestedFields, type NestedFieldsContext, NestedHeading, useNestedFields } from "./NestedFields.tsx";
import { valueAt } from "./nested.ts";

const KEYS = [...ARC_FLASH_FIELDS.map((s) => s.key), ARC_FLASH_DEVICES_KEY];

/**
 * A bus's arc_flash: equipment class, electrode configuration and dimensions, each empty field
 * showing the typical value it defaults to (IEEE 1584-2018 Tables 8 and 10), and the devices that
 * clear an arc here.
 */
export function ArcFlashFields({ element, index }: { element: Element; index: number }) {
  const context = useNestedFields(element, "buses", index, "arc_flash", KEYS);
  const { unset, hints } = arcFlashUnsetTexts(element.arc_flash, element.vn_kv);
  const specs = ARC_FLASH_FIELDS.map((spec) => {
    const hint = hints.get(spec.key) ?? ("hint" in spec ? spec.hint : undefined);
    return hint ? { ...spec, hint } : spec;
  });
  return (
    <section className="props-object" aria-label="Arc flash" data-testid="arc-flash-fields">
      <NestedHeading label="Arc flash (IEEE 1584-2018)" context={context} />
      <NestedFields context={context} specs={specs} unsetTexts={unset} />
      <DevicesField context={context} />
    </section>
  );
}

/**
 * The switches whose protection clears an arc at this bus. None ticked: the study takes the
 * nearest protected switch on each path to the sources.
 */
function DevicesField({ context }: { context: NestedFieldsContext }) {
  const { doc } = useEditor();
  const value = valueAt(context.element, ARC_FLASH_DEVICES_KEY);
  const chosen = Array.isArray(value) ? value.map(String) : [];
  const errors = context.issues.errors.get(ARC_FLASH_DEVICES_KEY) ?? [];
  const toggle = (id: string, on: boolean) => {
    const next = on ? [...chosen, id] : chosen.filter((d) => d !== id);
    context.change(ARC_FLASH_DEVICES_KEY, next.length > 0 ? next : undefined);
  };
  // The bus's own switches first; a named switch that is gone stays listed, so the user sees and unticks it.
  const own = (s: Element) => s.bus === context.element.id || s.element === context.element.id;
  const ordered = [...doc.switches.filter(own), ...doc.switches.filter((s) => !own(s))];
  const ids = [...new Set([...chosen, ...ordered.map((s) => s.id)])];
  return (
    <div className={`prop${errors.length ? " invalid" : ""}`} data-prop={ARC_FLASH_DEVICES_KEY}>
      <span className="prop-label">Clearing devices</span>
      <fieldset className="device-list" data-field={ARC_FLASH_DEVICES_KEY} aria-label="Clearing devices">
        {ids.length === 0 && <span className="muted small">no switches in the network</span>}
        {ids.map((id) => {
          const sw = doc.switches.find((s) => s.id === id);
          return (
            <label key={id} className="inline-check">
              <input
                type="checkbox"
                checked={chosen.includes(id)}
                disabled={context.disabled}
                onChange={(e) => toggle(id, e.target.checked)}
              />
              {id}
              <span className="muted small">
                {sw
                  ? `${String(sw.bus)} → ${String(sw.element)}${sw.protection ? "" : ", no protection"}`
                  : "missing"}
              </span>
            </label>
          );
        })}
      </fieldset>
      <FieldMessages errors={errors} warnings={context.issues.warnings.get(ARC_FLASH_DEVICES_KEY) ?? []}>
        {errors.length === 0 && chosen.length === 0 && (
          <span className="hint">none ticked: the nearest protected switch towards each source</span>
        )}
      </FieldMessages>
    </div>
  );
}
