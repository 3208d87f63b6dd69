import { defineErrors } from "../../lib/errors.ts";

export const CadreErrors = defineErrors({
  CADRE_NOT_FOUND: { status: 404, vi: "Không tìm thấy hồ sơ cán bộ.", en: "Cadre record not found." },
  CADRE_VERSION_CONFLICT: {
    status: 409,
    vi: "Hồ sơ đã được người khác sửa sau khi bạn mở. Hãy tải lại rồi sửa lại.",
    en: "The record was changed by someone else after you opened it. Reload and edit again.",
  },
  CADRE_STAFF_CODE_TAKEN: {
    status: 409,
    vi: "Số hiệu cán bộ đã được dùng cho hồ sơ khác.",
    en: "The staff code is already used by another record.",
  },
  CADRE_ID_NUMBER_TAKEN: {
    status: 409,
    vi: "Số định danh cá nhân đã có trong hồ sơ khác.",
    en: "The ID number is already on another record.",
  },
  CADRE_DATES_INCONSISTENT: {
    status: 422,
    vi: "Các mốc thời gian trong hồ sơ không hợp lý (ví dụ: ngày tuyển dụng trước ngày sinh).",
    en: "The dates of the record are inconsistent (e.g. recruited before birth).",
  },
  CADRE_ID_NUMBER_MISMATCH: {
    status: 422,
    vi: "Số định danh cá nhân không khớp giới tính hoặc năm sinh.",
    en: "The ID number does not match the sex or the year of birth.",
  },
  CADRE_UNIT_UNKNOWN: {
    status: 422,
    vi: "Đơn vị (nơi sinh, quê quán) không tồn tại.",
    en: "The unit (birthplace, home town) does not exist.",
  },
  CADRE_NEEDS_ASSIGNMENT: {
    status: 422,
    vi: "Hồ sơ mới cần có vị trí công tác chính tại một đơn vị trong phạm vi quản lý của bạn.",
    en: "A new record needs a main assignment in a unit within your scope.",
  },
  CADRE_SENSITIVE_FORBIDDEN: {
    status: 403,
    vi: "Bạn không có quyền xem hoặc sửa thông tin nhạy cảm (số định danh, dân tộc, tôn giáo, sức khỏe, gia đình).",
    en: "You may not see or change sensitive data (ID number, ethnicity, religion, health, family).",
  },
  CADRE_OWN_RECORD_READ_ONLY: {
    status: 403,
    vi: "Bạn chỉ được xem hồ sơ của chính mình; việc sửa do bộ phận tổ chức cán bộ thực hiện.",
    en: "You may read your own record; changes are made by the personnel office.",
  },
  CADRE_NO_OWN_RECORD: {
    status: 404,
    vi: "Tài khoản của bạn chưa gắn với hồ sơ cán bộ.",
    en: "Your account is not linked to a cadre record.",
  },
  HISTORY_ROW_NOT_FOUND: { status: 404, vi: "Không tìm thấy dòng quá trình.", en: "History row not found." },
  HISTORY_NOT_DATED: {
    status: 422,
    vi: "Loại thông tin này không có thời hạn để kết thúc.",
    en: "This kind of row has no period to end.",
  },
  HISTORY_ALREADY_ENDED: {
    status: 409,
    vi: "Dòng quá trình đã có ngày kết thúc; hãy sửa dòng nếu ngày đó sai.",
    en: "The row already has an end date; correct the row if that date is wrong.",
  },
  HISTORY_END_BEFORE_START: {
    status: 422,
    // Read inclusively (DOMAIN §9): the last day held may be the first day, not before it.
    vi: "Ngày kết thúc (ngày cuối) phải từ ngày bắt đầu trở đi.",
    en: "The last day must be on or after the start date.",
  },
  HISTORY_BEFORE_BIRTH: {
    status: 422,
    vi: "Mốc thời gian trước ngày sinh của cán bộ.",
    en: "The date is before the person's birth date.",
  },
  ASSIGNMENT_OVERLAP: {
    status: 409,
    vi: "Thời gian giữ chức vụ chính trùng với một chức vụ chính khác; mỗi người chỉ có một chức vụ chính tại một thời điểm.",
    en: "The period overlaps another main assignment; a person has one main post at a time.",
  },
  TIER_OVERLAP: {
    status: 409,
    vi: "Thời gian trùng với một diện quản lý khác của cán bộ.",
    en: "The period overlaps another management tier of the person.",
  },
  TIER_NOT_IN_FORCE: {
    status: 422,
    vi: "Diện quản lý không có hiệu lực trong cả thời gian của dòng (diện Ban Thường vụ quận, huyện, thị ủy quản lý chỉ có đến 30/06/2025). Hãy cho dòng kết thúc chậm nhất vào ngày cuối của diện, hoặc chọn diện có hiệu lực trong thời gian đó.",
    en: "The management tier is not in force for the whole period of the row (the district standing committees' tier exists until 30/06/2025). End the row on the tier's last day at the latest, or choose a tier in force then.",
  },
  SALARY_OVERLAP: {
    status: 409,
    vi: "Thời gian trùng với một bậc lương khác của cán bộ.",
    en: "The period overlaps another salary row of the person.",
  },
  ASSIGNMENT_SEAT_NOT_FOUND: { status: 422, vi: "Vị trí không tồn tại.", en: "The seat does not exist." },
  ASSIGNMENT_SEAT_MISMATCH: {
    status: 422,
    vi: "Đơn vị hoặc chức danh khác với vị trí đã chọn.",
    en: "The unit or title differs from the chosen seat.",
  },
  ASSIGNMENT_OUTSIDE_SEAT_PERIOD: {
    status: 422,
    vi: "Thời gian phân công nằm ngoài thời gian tồn tại của vị trí.",
    en: "The assignment runs outside the seat's period.",
  },
  ASSIGNMENT_UNIT_NOT_ACTIVE: {
    status: 422,
    vi: "Đơn vị không hoạt động vào ngày bắt đầu phân công.",
    en: "The unit does not exist on the first day of the assignment.",
  },
  ASSIGNMENT_UNIT_OUT_OF_SCOPE: {
    status: 403,
    vi: "Đơn vị của vị trí công tác nằm ngoài phạm vi quản lý của bạn.",
    en: "The assignment's unit is outside your scope.",
  },
});
