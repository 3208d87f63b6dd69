import type { FormRule } from "antd";
import type { Dayjs } from "dayjs";
import type { TFunction } from "i18next";
import type { UnitNode } from "../../../../common/contracts/units.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { lastDayOf } from "../../../../common/rules/periods.ts";
import { isoOf } from "../../../app/dates.ts";

/** A rename or move date must fall while the unit exists (the server says UNIT_NOT_ACTIVE_ON_DATE). */
export function effectiveDateRules(t: TFunction, unit: Pick<UnitNode, "validFrom" | "validTo">): FormRule[] {
  return [
    { required: true, message: t("unitForm.dateRequired") },
    {
      validator: async (_, value: Dayjs | undefined) => {
        if (!value) return;
        const date = isoOf(value);
        if (date < unit.validFrom)
          throw new Error(t("unitForm.dateBeforeStart", { date: formatDmy(unit.validFrom) }));
        if (unit.validTo !== null && date >= unit.validTo)
          throw new Error(t("unitForm.dateAfterEnd", { date: formatDmy(lastDayOf(unit.validTo)) }));
      },
    },
  ];
}
