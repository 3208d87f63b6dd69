import { isIsoDate } from "../../../../common/rules/dates.ts";
import { todayIso } from "../../../app/dates.ts";
import { useUrlParams } from "../../../app/use-url-params.ts";
import { CADRE_TABS, type CadreTab } from "../utils/cadre-tabs.ts";

/** Reads ?asOf=…&tab=… of a record page; the date and the tab survive a reload and can be shared. */
export function useRecordParams() {
  const [params, updateParams] = useUrlParams();
  const asOfParam = params.get("asOf");
  const asOf = asOfParam && isIsoDate(asOfParam) ? asOfParam : todayIso();
  const tabParam = params.get("tab");
  const tab: CadreTab = (CADRE_TABS as readonly string[]).includes(tabParam ?? "")
    ? (tabParam as CadreTab)
    : "general";
  const set = (key: string, value: string | undefined) =>
    updateParams((next) => {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
    });
  return {
    asOf,
    tab,
    setAsOf: (next: string) => set("asOf", next === todayIso() ? undefined : next),
    setTab: (next: CadreTab) => set("tab", next === "general" ? undefined : next),
  };
}
