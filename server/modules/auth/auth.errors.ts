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
    vi: "Mật khẩu quá yếu: không được chứa tên đăng nhập, không được trùng mật khẩu cũ, và cần cả chữ lẫn số.",
    en: "Weak password: it must not contain the user name, must differ from the old password and mix letters and digits.",
  },
  AUTH_USER_EXISTS: { status: 409, vi: "Tên đăng nhập đã tồn tại.", en: "The user name is taken." },
  AUTH_SCOPE_UNIT_NOT_FOUND: {
    status: 422,
    vi: "Đơn vị trong phạm vi quản lý không tồn tại.",
    en: "A unit of the scope does not exist.",
  },
});
