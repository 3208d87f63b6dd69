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
    vi: "Mật khẩu quá yếu: cần cả chữ lẫn số, không được chứa tên đăng nhập và không được trùng mật khẩu cũ.",
    en: "Weak password: it must mix letters and digits, must not contain the user name and must differ from the old password.",
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
});
