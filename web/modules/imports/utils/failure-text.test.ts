import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "../../../app/api-client.ts";
import { vi } from "../../../app/i18n/vi.ts";
import { failureText } from "./failure-text.ts";

/** The Vietnamese text of a key under `imports`, as the page shows it. */
const t = ((key: string) => {
  const [, name] = key.split(".");
  return (vi.imports as Record<string, string>)[name!] ?? key;
}) as unknown as TFunction;

const BACKUP_MESSAGE =
  "Hệ thống đang sao lưu dữ liệu: trong lúc này chỉ xem được, chưa ghi được. Hãy thử lại sau ít phút.";

describe("the text of a failed import", () => {
  it.each([
    ["the upload answered 503", new ApiError(503, "BACKUP_IN_PROGRESS", BACKUP_MESSAGE)],
    ["the job ended with the code", { code: "BACKUP_IN_PROGRESS", message: BACKUP_MESSAGE }],
  ])("says a backup is running and nothing was written when %s", (_when, error) => {
    expect(failureText(error, t, false)).toEqual({
      type: "warning",
      title: "Đang sao lưu dữ liệu — hệ thống tạm không nhận thay đổi.",
      lines: ["Việc nhập đã được hoàn tác, không có dữ liệu nào bị ghi. Vui lòng thử lại sau ít phút."],
    });
  });

  it("says the file was not checked yet when a backup stops a dry run", () => {
    const text = failureText({ code: "BACKUP_IN_PROGRESS", message: BACKUP_MESSAGE }, t, true);
    expect(text.type).toBe("warning");
    expect(text.lines).toEqual([
      "Chưa kiểm tra được tệp; không có dữ liệu nào bị ghi. Vui lòng thử lại sau ít phút.",
    ]);
  });

  it("shows any other refusal as the server worded it, with the columns it names", () => {
    const error = new ApiError(400, "IMPORT_BAD_HEADER", "Tiêu đề cột không đúng mẫu.", {
      missing: ["Họ và tên"],
      unknown: ["Ghi chú"],
    });
    expect(failureText(error, t, true)).toEqual({
      type: "error",
      title: "Không nhập được tệp: Tiêu đề cột không đúng mẫu.",
      lines: ["Thiếu cột: Họ và tên", "Cột không nhận ra: Ghi chú"],
    });
    const conflict = { code: "CONFLICT", message: "Dữ liệu đã thay đổi hoặc bị trùng." };
    expect(failureText(conflict, t, false)).toEqual({
      type: "error",
      title: "Không nhập được tệp: Dữ liệu đã thay đổi hoặc bị trùng.",
      lines: [],
    });
  });
});
