import { describe, expect, it } from "vitest";
import { routeErrorKind } from "./route-error.ts";

describe("a page that could not be shown", () => {
  it.each([
    new TypeError("Failed to fetch dynamically imported module: http://canbo.local/assets/UnitsPage-3f2a.js"),
    new TypeError("error loading dynamically imported module: http://canbo.local/assets/UnitsPage-3f2a.js"),
    new TypeError("Importing a module script failed."),
    new Error("Unable to preload CSS for /assets/CadresPage-91c0.css"),
  ])("is a failed download of its code: %s", (error) => {
    expect(routeErrorKind(error)).toBe("chunk");
  });

  it("is a missing page for a 404 answer of the router", () => {
    expect(routeErrorKind({ status: 404, statusText: "Not Found", data: null })).toBe("not_found");
  });

  it("is anything else for an error in a page", () => {
    expect(routeErrorKind(new TypeError("Cannot read properties of undefined (reading 'name')"))).toBe(
      "other",
    );
    expect(routeErrorKind(undefined)).toBe("other");
  });
});
