import { defineErrors } from "../../lib/errors.ts";

/** Error codes of the retirement overrides (cadres module). */
export const RetirementErrors = defineErrors({
  RETIREMENT_OVERRIDE_INVALID: {
    status: 422,
    vi: "Ngày hoặc tuổi nghỉ hưu không phù hợp với căn cứ pháp lý đã chọn (xem chi tiết).",
    en: "The retirement date or age does not fit the legal basis chosen (see details).",
  },
});
