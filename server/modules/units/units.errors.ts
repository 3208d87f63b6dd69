import { defineErrors } from "../../lib/errors.ts";

export const UnitErrors = defineErrors({
  UNIT_NOT_FOUND: { status: 404, vi: "Không tìm thấy đơn vị.", en: "Unit not found." },
  UNIT_PARENT_NOT_FOUND: {
    status: 422,
    vi: "Đơn vị cấp trên không tồn tại (hoặc chưa/không còn hoạt động vào ngày đã chọn).",
    en: "The parent unit does not exist on the chosen date.",
  },
  UNIT_PARENT_ENDS: {
    status: 422,
    vi: "Đơn vị cấp trên sẽ kết thúc hoạt động; không thể đặt đơn vị con dưới nó.",
    en: "The parent unit is scheduled to end; a child cannot be placed under it.",
  },
  UNIT_NOT_ACTIVE_ON_DATE: {
    status: 422,
    vi: "Đơn vị không hoạt động vào ngày đã chọn.",
    en: "The unit does not exist on the chosen date.",
  },
  UNIT_END_BEFORE_START: {
    status: 422,
    // Read inclusively (DOMAIN §9): the last day the unit exists may be its first day, not before it.
    vi: "Ngày cuối hoạt động của đơn vị phải từ ngày bắt đầu hoạt động trở đi.",
    en: "The unit's last day must be on or after its start date.",
  },
  UNIT_HAS_ACTIVE_CHILDREN: {
    status: 409,
    vi: "Đơn vị còn đơn vị trực thuộc hoạt động sau ngày kết thúc; hãy chuyển hoặc kết thúc chúng trước.",
    en: "The unit still has child units after the end date; move or end them first.",
  },
  UNIT_HAS_LATER_CHANGES: {
    status: 409,
    vi: "Đơn vị đã có thay đổi được ghi nhận sau ngày này; không thể thực hiện.",
    en: "The unit has changes recorded after this date.",
  },
  UNIT_MOVE_CYCLE: {
    status: 422,
    vi: "Không thể chuyển đơn vị vào chính nó hoặc vào đơn vị trực thuộc của nó.",
    en: "A unit cannot be moved under itself or one of its descendants.",
  },
  UNIT_SAME_PARENT: {
    status: 422,
    vi: "Đơn vị đã trực thuộc đơn vị này.",
    en: "The unit already has this parent.",
  },
  UNIT_RENAME_ON_FOUNDING_DAY: {
    status: 409,
    vi: "Đổi tên phải có hiệu lực sau ngày thành lập đơn vị: tên lúc thành lập được giữ trong lịch sử. Hãy chọn ngày hiệu lực từ ngày hôm sau trở đi.",
    en: "A rename must take effect after the unit's founding day: the founding name stays in its history. Choose a later effective date.",
  },
  UNIT_NAME_UNCHANGED: {
    status: 422,
    vi: "Tên mới trùng với tên hiện tại.",
    en: "The new name equals the current one.",
  },
  UNIT_OUT_OF_SCOPE: {
    status: 403,
    vi: "Đơn vị nằm ngoài phạm vi quản lý của bạn.",
    en: "The unit is outside your scope.",
  },
  UNIT_CODE_TAKEN: {
    status: 409,
    vi: "Mã đơn vị đang được một đơn vị khác sử dụng trong thời gian này; mã chỉ dùng lại được sau khi đơn vị đó kết thúc.",
    en: "Another unit holds this code during the same period; a code is reused only after its holder ends.",
  },
  UNIT_PLACE_NOT_TERRITORIAL: {
    status: 422,
    vi: "Chỉ đơn vị hành chính lãnh thổ (thành phố, quận, huyện, thị xã, xã, phường, thị trấn) mới gắn với địa danh.",
    en: "Only territorial units (city, district, town, commune, ward, township) are linked to a place.",
  },
  UNIT_SUCCESSOR_INVALID: {
    status: 422,
    vi: "Đơn vị kế thừa không hợp lệ (phải khác đơn vị này và hoạt động vào ngày kết thúc).",
    en: "Invalid successor (must differ and exist on the end date).",
  },
  UNIT_ROOT_ADMIN_ONLY: {
    status: 403,
    vi: "Chỉ quản trị hệ thống mới được tạo đơn vị gốc (đơn vị không có cấp trên).",
    en: "Only an administrator may create a root unit (a unit without a parent).",
  },
  UNIT_IMPORT_FILE_UNREADABLE: {
    status: 422,
    vi: "Không đọc được tệp cây tổ chức (cần tệp .xlsx hoặc .csv theo mẫu xuất từ trang Đơn vị/Tổ chức).",
    en: "The organisation tree file cannot be read (an .xlsx or .csv file like the export is needed).",
  },
});
