import type { Breakpoint } from "antd";

/**
 * The cadres list's columns: fixed widths for short values, a least width for the unit and title (they
 * take what is left and end in an ellipsis with a tooltip), and the screens that show the less needed
 * ones. On a 1366×768 screen (antd's xl) every shown column fits beside the side menu without a
 * horizontal scrollbar; sex and the two qualification columns join from xxl (1600 px) on.
 */
type ColumnLayout = { width?: number; minWidth?: number; responsive?: readonly Breakpoint[] };

export const CADRE_COLUMNS = {
  staffCode: { width: 110 },
  fullName: { width: 190 },
  sex: { width: 72, responsive: ["xxl"] },
  birthDate: { width: 104 },
  age: { width: 56 },
  unit: { minWidth: 180 },
  title: { minWidth: 180 },
  tier: { width: 130 },
  qualification: { width: 120, responsive: ["xxl"] },
  politicalTheory: { width: 110, responsive: ["xxl"] },
} as const satisfies Record<
  string,
  { width?: number; minWidth?: number; responsive?: readonly Breakpoint[] }
>;

export type CadreColumnKey = keyof typeof CADRE_COLUMNS;

/** The columns shown at a breakpoint and the width they need at least. */
export function columnsAt(screen: Breakpoint): { keys: CadreColumnKey[]; minWidth: number } {
  const order: Breakpoint[] = ["xs", "sm", "md", "lg", "xl", "xxl", "xxxl"];
  const keys = (Object.keys(CADRE_COLUMNS) as CadreColumnKey[]).filter((key) => {
    const c: ColumnLayout = CADRE_COLUMNS[key];
    return !c.responsive || c.responsive.some((b) => order.indexOf(b) <= order.indexOf(screen));
  });
  const minWidth = keys.reduce((sum, key) => {
    const c: ColumnLayout = CADRE_COLUMNS[key];
    return sum + (c.width ?? c.minWidth ?? 0);
  }, 0);
  return { keys, minWidth };
}
