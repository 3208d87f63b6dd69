import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, api, setPasswordChangeRequiredHandler, setUnauthorizedHandler } from "./api-client.ts";

/** fetch answering one problem+json body with the given status. */
function answer(status: number, code: string) {
  const body = JSON.stringify({
    type: `urn:canbo:error:${code.toLowerCase()}`,
    code,
    message: code,
    requestId: "r",
  });
  vi.stubGlobal(
    "fetch",
    vi.fn(async () => new Response(body, { status })),
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthorizedHandler(undefined);
  setPasswordChangeRequiredHandler(undefined);
});

describe("a session held until the password is changed", () => {
  it("is reported when any request answers 403 AUTH_PASSWORD_CHANGE_REQUIRED", async () => {
    const held = vi.fn();
    setPasswordChangeRequiredHandler(held);
    answer(403, "AUTH_PASSWORD_CHANGE_REQUIRED");
    const error = await api("/units/tree").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe("AUTH_PASSWORD_CHANGE_REQUIRED");
    expect(held).toHaveBeenCalledTimes(1);
  });

  it("is not reported for another refusal", async () => {
    const held = vi.fn();
    const expired = vi.fn();
    setPasswordChangeRequiredHandler(held);
    setUnauthorizedHandler(expired);
    answer(403, "FORBIDDEN");
    await expect(api("/users")).rejects.toBeInstanceOf(ApiError);
    expect(held).not.toHaveBeenCalled();
    expect(expired).not.toHaveBeenCalled();
  });
});
