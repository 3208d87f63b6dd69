import type { Language } from "../../../app/i18n/i18n.ts";

type Label = Record<Language, string>;

/** Audit actions the server writes (see the services under server/modules), named for people. */
const ACTIONS: Record<string, Label> = {
  "auth.login": { vi: "Đăng nhập", en: "Signed in" },
  "auth.logout": { vi: "Đăng xuất", en: "Signed out" },
  "unit.created": { vi: "Thêm đơn vị", en: "Unit created" },
  "unit.renamed": { vi: "Đổi tên đơn vị", en: "Unit renamed" },
  "unit.moved": { vi: "Chuyển trực thuộc đơn vị", en: "Unit moved" },
  "unit.ended": { vi: "Kết thúc hoạt động đơn vị", en: "Unit ended" },
  "unit.linked": { vi: "Ghi nhận kế thừa đơn vị", en: "Unit lineage recorded" },
  "user.created": { vi: "Tạo tài khoản", en: "User created" },
  "user.password_changed": { vi: "Đổi mật khẩu", en: "Password changed" },
  "cadre.created": { vi: "Thêm hồ sơ cán bộ", en: "Cadre record created" },
  "cadre.updated": { vi: "Sửa hồ sơ cán bộ", en: "Cadre record updated" },
  "cadre.sensitive_read": { vi: "Xem thông tin nhạy cảm", en: "Sensitive data read" },
  "code.created": { vi: "Thêm mục danh mục", en: "Code created" },
  "code.updated": { vi: "Sửa mục danh mục", en: "Code updated" },
  "code.deactivated": { vi: "Ngừng dùng mục danh mục", en: "Code deactivated" },
  "title.created": { vi: "Thêm chức danh", en: "Title created" },
  "title.updated": { vi: "Sửa chức danh", en: "Title updated" },
  "seat.created": { vi: "Thêm vị trí", en: "Seat created" },
  "seat.ended": { vi: "Kết thúc vị trí", en: "Seat ended" },
};

/** Prefixes offered in the action filter ("unit." finds every unit action). */
const GROUPS: Record<string, Label> = {
  "auth.": { vi: "Đăng nhập, đăng xuất", en: "Sign-in and sign-out" },
  "unit.": { vi: "Mọi thao tác về đơn vị", en: "Every unit action" },
  "user.": { vi: "Mọi thao tác về tài khoản", en: "Every user action" },
  "cadre.": { vi: "Mọi thao tác về hồ sơ cán bộ", en: "Every cadre action" },
  "title.": { vi: "Mọi thao tác về chức danh", en: "Every title action" },
  "seat.": { vi: "Mọi thao tác về vị trí", en: "Every seat action" },
  "code.": { vi: "Mọi thao tác về danh mục", en: "Every code-list action" },
};

/** A person's name for an action; unknown actions (newer server) are shown as they are. */
export function actionLabel(action: string, language: Language): string {
  return ACTIONS[action]?.[language] ?? action;
}

export type ActionOption = { value: string; label: string };

/** The options of the action filter: each group's prefix, then its actions. */
export function actionOptions(language: Language): { label: string; options: ActionOption[] }[] {
  return Object.entries(GROUPS).map(([prefix, group]) => ({
    label: group[language],
    options: [
      { value: prefix, label: group[language] },
      ...Object.entries(ACTIONS)
        .filter(([action]) => action.startsWith(prefix))
        .map(([action, label]) => ({ value: action, label: label[language] })),
    ],
  }));
}
