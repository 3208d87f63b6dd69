import type { IndicatorStatus } from "../../../../common/contracts/indicators.ts";

/** Tag colours of antd per status: reached, missed, watched (no target), nothing to count. */
export const STATUS_TAG_COLORS: Record<IndicatorStatus, string> = {
  met: "success",
  not_met: "error",
  no_target: "processing",
  no_data: "default",
};

/**
 * Bar colours per status. Blue against orange-red rather than green against red: the pair stays apart for
 * readers who do not tell red from green.
 */
export const STATUS_BAR_COLORS: Record<IndicatorStatus, string> = {
  met: "#0b5cad",
  not_met: "#d4380d",
  no_target: "#5b8ff9",
  no_data: "#bfbfbf",
};

/** Background of the table rows of units below target. */
export const BELOW_TARGET_BACKGROUND = "#fff2e8";
