import { defineErrors } from "../../lib/errors.ts";

export const IndicatorErrors = defineErrors({
  INDICATOR_NOT_FOUND: {
    status: 404,
    vi: "Không có chỉ tiêu này trong danh mục tại ngày đã chọn.",
    en: "No such indicator in the catalogue on the chosen date.",
  },
  INDICATOR_VERSION_EXISTS: {
    status: 409,
    vi: "Chỉ tiêu đã có một phiên bản hiệu lực từ ngày này; hãy chọn ngày hiệu lực khác.",
    en: "The indicator already has a version effective from this date; choose another date.",
  },
  INDICATOR_DEFINITION_INVALID: {
    status: 422,
    vi: "Định nghĩa chỉ tiêu dùng mã không có trong danh mục (trình độ hoặc chức danh).",
    en: "The definition names codes that are not in the catalogues (levels or titles).",
  },
  INDICATOR_NO_DATA: {
    status: 422,
    vi: "Chỉ tiêu chưa có dữ liệu để tính nên chưa có danh sách người.",
    en: "The indicator has no data yet, so there is no list of people.",
  },
  INDICATOR_SERIES_TOO_LONG: {
    status: 400,
    vi: "Chuỗi theo tháng tối đa 36 tháng.",
    en: "A monthly series covers at most 36 months.",
  },
});
