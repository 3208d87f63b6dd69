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
    vi: "Mã không có trong danh mục (hoặc đã ngừng sử dụng).",
    en: "The code is not in the list (or is no longer in use).",
  },
});
