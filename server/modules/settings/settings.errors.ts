import { defineErrors } from "../../lib/errors.ts";

export const SettingErrors = defineErrors({
  SETTING_NOT_FOUND: {
    status: 404,
    vi: "Không có tham số quy định này.",
    en: "No such rule setting.",
  },
  SETTING_VALUE_INVALID: {
    status: 422,
    vi: "Giá trị tham số không đúng cấu trúc của tham số này; xem phiên bản hiện hành để biết cấu trúc.",
    en: "The value does not have this setting's shape; see the current version for it.",
  },
  SETTING_VERSION_EXISTS: {
    status: 409,
    vi: "Tham số đã có một phiên bản từ ngày này; các phiên bản không sửa được — hãy thêm phiên bản từ ngày khác.",
    en: "The setting already has a version from this date; versions are never edited — add one from another date.",
  },
});
