/**
 * What went wrong when a page could not be shown, for the message the user gets. A page's code is
 * downloaded on first visit: the download fails when the network drops, and after an upgrade while the
 * app is open (the old file names are gone from the server); reloading fetches the new app.
 */
export type RouteErrorKind = "chunk" | "not_found" | "other";

// Chromium, Firefox, Safari and Vite's preload helper, in that order.
const CHUNK_MESSAGES = [
  /Failed to fetch dynamically imported module/i,
  /error loading dynamically imported module/i,
  /Importing a module script failed/i,
  /Unable to preload CSS/i,
];

export function routeErrorKind(error: unknown): RouteErrorKind {
  if (typeof error === "object" && error !== null && (error as { status?: unknown }).status === 404) {
    return "not_found";
  }
  const message = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const name = error instanceof Error ? error.name : "";
  if (name === "ChunkLoadError" || CHUNK_MESSAGES.some((m) => m.test(message))) return "chunk";
  return "other";
}
