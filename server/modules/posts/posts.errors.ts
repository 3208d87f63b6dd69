import { defineErrors } from "../../lib/errors.ts";

export const PostErrors = defineErrors({
  TITLE_NOT_FOUND: { status: 404, vi: "Không tìm thấy chức danh.", en: "Title not found." },
  TITLE_CODE_TAKEN: {
    status: 409,
    vi: "Mã chức danh đã được dùng.",
    en: "The title code is already in use.",
  },
  TITLE_UNKNOWN: {
    status: 422,
    vi: "Chức danh không có trong danh mục.",
    en: "The title is not in the catalogue.",
  },
  SEAT_NOT_FOUND: { status: 404, vi: "Không tìm thấy vị trí (chức danh tại đơn vị).", en: "Seat not found." },
  SEAT_UNIT_NOT_ACTIVE: {
    status: 422,
    vi: "Đơn vị không hoạt động vào ngày đã chọn.",
    en: "The unit does not exist on the chosen date.",
  },
  SEAT_END_BEFORE_START: {
    status: 422,
    // Read inclusively (DOMAIN §9): the last day held may be the first day, not before it.
    vi: "Ngày cuối của vị trí phải từ ngày bắt đầu trở đi.",
    en: "The seat's last day must be on or after its start date.",
  },
  SEAT_ALREADY_ENDED: { status: 409, vi: "Vị trí đã kết thúc.", en: "The seat has already ended." },
  SEAT_HAS_ASSIGNMENTS: {
    status: 409,
    vi: "Vẫn còn người được bố trí vào vị trí sau ngày kết thúc; hãy kết thúc các phân công đó trước.",
    en: "People are still assigned to the seat after the end date; end those assignments first.",
  },
});
