import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AppError, CoreErrors, defineErrors, type ErrorCode, messageOf, problemOf } from "./errors.ts";

const SERVER = fileURLToPath(new URL("..", import.meta.url));
const MODULES = path.join(SERVER, "modules");

/** Every module's error codes, by module, loaded from its `*.errors.ts` files. */
async function moduleErrorCodes(): Promise<Map<string, ErrorCode[]>> {
  const byModule = new Map<string, ErrorCode[]>([["core", Object.values(CoreErrors)]]);
  for (const dir of fs.readdirSync(MODULES)) {
    for (const file of fs.readdirSync(path.join(MODULES, dir)).filter((f) => f.endsWith(".errors.ts"))) {
      const exports = (await import(path.join(MODULES, dir, file))) as Record<
        string,
        Record<string, ErrorCode>
      >;
      byModule.set(
        `${dir}/${file}`,
        Object.values(exports).flatMap((codes) => Object.values(codes)),
      );
    }
  }
  return byModule;
}

/** The server's TypeScript sources (tests included). */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith(".ts") ? [p] : [];
  });
}

/** Letters only Vietnamese uses: an English message containing one is Vietnamese text. */
const VIETNAMESE_ONLY_LETTERS = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i;

describe("error codes", () => {
  it.each([
    [CoreErrors.VALIDATION_FAILED, 400],
    [CoreErrors.MALFORMED_JSON, 400],
    [CoreErrors.UNAUTHENTICATED, 401],
    [CoreErrors.FORBIDDEN, 403],
    [CoreErrors.CSRF_INVALID, 403],
    [CoreErrors.NOT_FOUND, 404],
    [CoreErrors.ROUTE_NOT_FOUND, 404],
    [CoreErrors.CONFLICT, 409],
    [CoreErrors.PAYLOAD_TOO_LARGE, 413],
    [CoreErrors.UNSUPPORTED_MEDIA_TYPE, 415],
    [CoreErrors.RATE_LIMITED, 429],
    [CoreErrors.INTERNAL, 500],
  ])("%o answers its HTTP status", (code, status) => {
    const error = new AppError(code);
    expect([error.code, error.status]).toEqual([code.code, status]);
  });

  it("cannot be made from a string or a look-alike object: only declared codes are thrown", () => {
    const typeChecked = () => {
      // @ts-expect-error a code nobody declared is not a code
      new AppError("NO_SUCH_CODE");
      // @ts-expect-error nor is an object that looks like one
      new AppError({ code: "NO_SUCH_CODE", status: 418, vi: "x", en: "x" });
    };
    expect(typeof typeChecked).toBe("function"); // checked by the type checker (npm run typecheck), not run
  });

  it("is never thrown from a string literal anywhere in the server", () => {
    const offenders = sources(SERVER)
      .filter((file) => !file.endsWith("errors.test.ts"))
      .filter((file) => /new AppError\(\s*["'`]/.test(fs.readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("gives every code of every module a status and a message in Vietnamese and in English", async () => {
    const byModule = await moduleErrorCodes();
    expect(byModule.size).toBeGreaterThanOrEqual(3);
    for (const [module, codes] of byModule) {
      expect(codes.length, module).toBeGreaterThan(0);
      for (const code of codes) {
        const error = new AppError(code);
        expect(error.code, module).toBe(code.code);
        expect(error.status, code.code).toBeGreaterThanOrEqual(400);
        expect(error.status, code.code).toBeLessThan(600);
        const [vi, en] = [messageOf(code, "vi"), messageOf(code, "en")];
        // Vietnamese is written with its diacritics; English is not the Vietnamese text again.
        expect(vi, code.code).toMatch(
          /[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]/i,
        );
        expect(en, code.code).not.toMatch(VIETNAMESE_ONLY_LETTERS);
        expect(en).not.toBe(vi);
      }
    }
  });

  it("keeps code names unique across modules (clients tell errors apart by name)", async () => {
    const all = [...(await moduleErrorCodes()).values()].flat().map((c) => c.code);
    const duplicates = all.filter((code, i) => all.indexOf(code) !== i);
    expect(duplicates).toEqual([]);
  });

  it("returns the codes it declares, so callers name them instead of typing strings", () => {
    const codes = defineErrors({ TEST_TEAPOT: { status: 418, vi: "Ấm trà.", en: "Teapot." } });
    expect(codes.TEST_TEAPOT.code).toBe("TEST_TEAPOT");
    expect(new AppError(codes.TEST_TEAPOT).status).toBe(418);
    expect(messageOf(codes.TEST_TEAPOT, "vi")).toBe("Ấm trà.");
  });
});

describe("problem bodies", () => {
  it("carry type, code, message in the asked language and the request id", () => {
    const error = new AppError(CoreErrors.FORBIDDEN);
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
    expect(problemOf(new AppError(CoreErrors.VALIDATION_FAILED, { details }), "vi", "r").details).toEqual(
      details,
    );
    expect(Object.keys(problemOf(new AppError(CoreErrors.VALIDATION_FAILED), "vi", "r"))).not.toContain(
      "details",
    );
  });

  it("never carry the internal message or the cause of an error", () => {
    const cause = new Error('duplicate key value violates unique constraint "users_pkey"');
    const error = new AppError(CoreErrors.INTERNAL, { cause, message: "SELECT * FROM users failed" });
    const body = JSON.stringify(problemOf(error, "vi", "r"));
    expect(body).not.toMatch(/users|SELECT|duplicate/);
  });
});
