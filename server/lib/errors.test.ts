import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AppError, CoreErrors, defineErrors, messageOf, problemOf } from "./errors.ts";

const MODULES = fileURLToPath(new URL("../modules", import.meta.url));

/** Every module's error codes, by module, loaded from its `*.errors.ts` files. */
async function moduleErrorCodes(): Promise<Map<string, string[]>> {
  const byModule = new Map<string, string[]>([["core", Object.values(CoreErrors)]]);
  for (const dir of fs.readdirSync(MODULES)) {
    for (const file of fs.readdirSync(path.join(MODULES, dir)).filter((f) => f.endsWith(".errors.ts"))) {
      const exports = (await import(path.join(MODULES, dir, file))) as Record<string, Record<string, string>>;
      byModule.set(
        `${dir}/${file}`,
        Object.values(exports).flatMap((codes) => Object.values(codes)),
      );
    }
  }
  return byModule;
}

/** Letters only Vietnamese uses: an English message containing one is Vietnamese text. */
const VIETNAMESE_ONLY_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe("error codes", () => {
  it.each([
    ["VALIDATION_FAILED", 400],
    ["MALFORMED_JSON", 400],
    ["UNAUTHENTICATED", 401],
    ["FORBIDDEN", 403],
    ["CSRF_INVALID", 403],
    ["NOT_FOUND", 404],
    ["ROUTE_NOT_FOUND", 404],
    ["CONFLICT", 409],
    ["PAYLOAD_TOO_LARGE", 413],
    ["UNSUPPORTED_MEDIA_TYPE", 415],
    ["RATE_LIMITED", 429],
    ["INTERNAL", 500],
  ])("%s answers HTTP %i", (code, status) => {
    expect(new AppError(code).status).toBe(status);
  });

  it("turns a code nobody registered into INTERNAL, so a typo cannot leak a made-up status", () => {
    const error = new AppError("NO_SUCH_CODE");
    expect([error.code, error.status]).toEqual(["INTERNAL", 500]);
    expect(messageOf("NO_SUCH_CODE", "vi")).toBe(messageOf("INTERNAL", "vi"));
  });

  it("gives every code of every module a status and a message in Vietnamese and in English", async () => {
    const byModule = await moduleErrorCodes();
    expect(byModule.size).toBeGreaterThanOrEqual(3);
    for (const [module, codes] of byModule) {
      expect(codes.length, module).toBeGreaterThan(0);
      for (const code of codes) {
        const error = new AppError(code);
        expect(error.code, `${module} ${code}`).toBe(code);
        expect(error.status, code).toBeGreaterThanOrEqual(400);
        expect(error.status, code).toBeLessThan(600);
        const [vi, en] = [messageOf(code, "vi"), messageOf(code, "en")];
        // Vietnamese is written with its diacritics; English is not the Vietnamese text again.
        expect(vi, code).toMatch(/[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i);
        expect(en, code).not.toMatch(VIETNAMESE_ONLY_LETTERS);
        expect(en).not.toBe(vi);
      }
    }
  });

  it("keeps codes unique across modules (a second definition would silently replace the first)", async () => {
    const all = [...(await moduleErrorCodes()).values()].flat();
    const duplicates = all.filter((code, i) => all.indexOf(code) !== i);
    expect(duplicates).toEqual([]);
  });

  it("returns the codes it registers, so callers name them instead of typing strings", () => {
    const codes = defineErrors({ TEST_TEAPOT: { status: 418, vi: "Ấm trà.", en: "Teapot." } });
    expect(codes.TEST_TEAPOT).toBe("TEST_TEAPOT");
    expect(new AppError(codes.TEST_TEAPOT).status).toBe(418);
  });
});

describe("problem bodies", () => {
  it("carry type, code, message in the asked language and the request id", () => {
    const error = new AppError("FORBIDDEN");
    expect(problemOf(error, "vi", "req-1")).toEqual({
      type: "urn:canbo:error:forbidden",
      code: "FORBIDDEN",
      message: "Bạn không có quyền thực hiện thao tác này.",
      requestId: "req-1",
    });
    expect(problemOf(error, "en", "req-2")).toMatchObject({
      message: "You are not allowed to do this.",
      requestId: "req-2",
    });
  });

  it("carry details only when there are some", () => {
    const details = [{ field: "body.name", message: "Tên đơn vị không được để trống" }];
    expect(problemOf(new AppError("VALIDATION_FAILED", { details }), "vi", "r").details).toEqual(details);
    expect(Object.keys(problemOf(new AppError("VALIDATION_FAILED"), "vi", "r"))).not.toContain("details");
  });

  it("never carry the internal message or the cause of an error", () => {
    const cause = new Error('duplicate key value violates unique constraint "users_pkey"');
    const error = new AppError("INTERNAL", { cause, message: "SELECT * FROM users failed" });
    const body = JSON.stringify(problemOf(error, "vi", "r"));
    expect(body).not.toMatch(/users|SELECT|duplicate/);
  });
});
