import { defineErrors } from "../../lib/errors.ts";

export const CodeErrors = defineErrors({
  CODE_NOT_FOUND: { status: 404, vi: "Không tìm thấy mã trong danh mục.", en: "Code not found in the list." },
  CODE_EXISTS: {
    status: 409,
    vi: "Mã này đã có trong danh mục.",
    en: "This code already exists in the list.",
  },
  CODE_UNKNOWN: {
    status: 422,
    vi: "Mã không có trong danh mục, đã ngừng sử dụng hoặc không có hiệu lực vào ngày ghi nhận.",
    en: "The code is not in the list, is no longer in use, or is not in force on the date recorded.",
  },
  CODE_PERIOD_INVALID: {
    status: 422,
    vi: "Ngày hết hiệu lực của mã phải sau ngày bắt đầu hiệu lực.",
    en: "A code's end of validity must come after its start.",
  },
});
