import type { Language } from "../../../app/i18n/i18n.ts";

type Label = Record<Language, string>;

/** The histories of a record (server/modules/cadres/histories.service.ts: cadre.<row>.<verb>). */
function historyActions(): Record<string, Label> {
  const rows: Record<string, Label> = {
    assignment: { vi: "chức vụ, vị trí công tác", en: "post" },
    tier: { vi: "diện quản lý", en: "management tier" },
    qualification: { vi: "trình độ", en: "qualification" },
    training: { vi: "khóa bồi dưỡng", en: "training course" },
    salary: { vi: "ngạch, bậc lương", en: "salary row" },
    reward: { vi: "khen thưởng", en: "reward" },
    family_member: { vi: "thành viên gia đình", en: "family member" },
    work_history: { vi: "quá trình công tác trước đây", en: "earlier work row" },
  };
  const verbs: Record<string, Label> = {
    added: { vi: "Thêm", en: "added" },
    corrected: { vi: "Sửa", en: "corrected" },
    ended: { vi: "Kết thúc", en: "ended" },
    deleted: { vi: "Xóa", en: "deleted" },
  };
  const actions: Record<string, Label> = {};
  for (const [row, rowLabel] of Object.entries(rows))
    for (const [verb, verbLabel] of Object.entries(verbs)) {
      const en = `${rowLabel.en.charAt(0).toUpperCase()}${rowLabel.en.slice(1)} ${verbLabel.en}`;
      actions[`cadre.${row}.${verb}`] = { vi: `${verbLabel.vi} ${rowLabel.vi}`, en };
    }
  return actions;
}

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
  ...historyActions(),
  "cadres.imported": { vi: "Nhập hồ sơ cán bộ từ tệp", en: "Cadre records imported" },
  "cadres.exported": { vi: "Xuất danh sách cán bộ", en: "Cadre list exported" },
  "code.created": { vi: "Thêm mục danh mục", en: "Code created" },
  "code.updated": { vi: "Sửa mục danh mục", en: "Code updated" },
  "code.deactivated": { vi: "Ngừng dùng mục danh mục", en: "Code deactivated" },
  "title.created": { vi: "Thêm chức danh", en: "Title created" },
  "title.updated": { vi: "Sửa chức danh", en: "Title updated" },
  "seat.created": { vi: "Thêm vị trí", en: "Seat created" },
  "seat.ended": { vi: "Kết thúc vị trí", en: "Seat ended" },
  "setting.version_added": { vi: "Thêm phiên bản tham số quy định", en: "Rule setting version added" },
};

/** Prefixes offered in the action filter ("unit." finds every unit action). */
const GROUPS: Record<string, Label> = {
  "auth.": { vi: "Đăng nhập, đăng xuất", en: "Sign-in and sign-out" },
  "unit.": { vi: "Mọi thao tác về đơn vị", en: "Every unit action" },
  "user.": { vi: "Mọi thao tác về tài khoản", en: "Every user action" },
  "cadre.": { vi: "Mọi thao tác về hồ sơ cán bộ", en: "Every cadre action" },
  "cadres.": { vi: "Nhập, xuất hồ sơ cán bộ", en: "Cadre imports and exports" },
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
