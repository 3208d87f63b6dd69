import { PASSWORD_RULE } from "../../../common/contracts/users.ts";
import { defineErrors } from "../../lib/errors.ts";

export const AuthErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    vi: "Tên đăng nhập hoặc mật khẩu không đúng.",
    en: "Wrong user name or password.",
  },
  AUTH_WRONG_PASSWORD: {
    status: 422,
    vi: "Mật khẩu hiện tại không đúng.",
    en: "The current password is wrong.",
  },
  AUTH_WEAK_PASSWORD: {
    status: 422,
    vi: `Mật khẩu chưa đạt yêu cầu: ${PASSWORD_RULE.vi}.`,
    en: `The password does not follow the rule: ${PASSWORD_RULE.en}.`,
  },
  AUTH_COMMON_PASSWORD: {
    status: 422,
    vi: "Mật khẩu này quá phổ biến, dễ bị đoán (kể cả khi thêm số hay ký hiệu vào đầu hoặc cuối). Hãy chọn mật khẩu khác.",
    en: "This password is too common and easy to guess (also with digits or symbols added before or after). Choose another one.",
  },
  AUTH_PASSWORD_CHANGE_REQUIRED: {
    status: 403,
    vi: "Bạn cần đổi mật khẩu trước khi tiếp tục sử dụng hệ thống.",
    en: "You need to change your password before going on.",
  },
  AUTH_USER_EXISTS: { status: 409, vi: "Tên đăng nhập đã tồn tại.", en: "The user name is taken." },
  AUTH_SCOPE_UNIT_NOT_FOUND: {
    status: 422,
    vi: "Đơn vị trong phạm vi quản lý không tồn tại.",
    en: "A unit of the scope does not exist.",
  },
  AUTH_USER_NOT_FOUND: { status: 404, vi: "Không tìm thấy tài khoản.", en: "No such account." },
  AUTH_LAST_ADMIN: {
    status: 409,
    vi: "Không thể vô hiệu hóa hay bỏ vai trò Quản trị hệ thống của quản trị viên cuối cùng còn hoạt động: hệ thống luôn cần ít nhất một quản trị viên. Hãy giao vai trò này cho tài khoản khác trước.",
    en: "The last active administrator cannot be disabled nor lose the admin role: the system always needs one. Give the role to another account first.",
  },
  AUTH_CANNOT_DISABLE_SELF: {
    status: 409,
    vi: "Bạn không thể tự vô hiệu hóa tài khoản của chính mình.",
    en: "You cannot disable your own account.",
  },
  AUTH_CANNOT_RESET_OWN_PASSWORD: {
    status: 409,
    vi: "Hãy dùng chức năng Đổi mật khẩu để đổi mật khẩu của chính bạn.",
    en: "Use Change password to change your own password.",
  },
  AUTH_ALREADY_DISABLED: {
    status: 409,
    vi: "Tài khoản này đã bị vô hiệu hóa.",
    en: "This account is already disabled.",
  },
  AUTH_ALREADY_ENABLED: {
    status: 409,
    vi: "Tài khoản này đang hoạt động.",
    en: "This account is already active.",
  },
  AUTH_PERMISSION_NOT_GRANTABLE: {
    status: 422,
    vi: "Quyền quản lý tài khoản và sao lưu chỉ thuộc vai trò Quản trị hệ thống, không cấp riêng cho tài khoản khác.",
    en: "Managing accounts and backups belong to the admin role only; they cannot be granted separately.",
  },
});
