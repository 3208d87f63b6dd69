import type { ComponentProps } from "react";
import { FormModal } from "../../../app/FormModal.tsx";

/** The frame of every unit form: the shared form modal with the units page's test ids. */
export function UnitFormModal<Values>(
  props: Omit<ComponentProps<typeof FormModal<Values>>, "submitTestId" | "problemTestId">,
) {
  return <FormModal<Values> {...props} submitTestId="unit-form-submit" problemTestId="unit-form-error" />;
}
