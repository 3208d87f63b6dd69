import { defineErrors } from "../../lib/errors.ts";

export const CodeErrors = defineErrors({
  CODE_NOT_FOUND: { status: 404, vi: "Không tìm thấy mã trong danh mục.", en: "Code not found in the list." },
  CODE_EXISTS: {
    status: 409,
    vi: "Mã này đã có trong danh mục.",
    en: "This code already exists in the list.",
  },
  CODE_LIST_FIXED: {
    status: 422,
    vi: "Danh mục diện quản lý có các mã cố định (lưu trong hồ sơ và trong định nghĩa chỉ tiêu): chỉ sửa được tên và thời gian hiệu lực, không thêm mã mới.",
    en: "The management tier list has fixed codes (stored in records and indicator definitions): entries can be renamed and dated, not added.",
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
