/**
 * The one fetch wrapper of the web app: same-origin cookies, JSON in and out, the CSRF token on every
 * change, problem+json turned into an ApiError whose message is already in the user's language.
 */

/** A validation problem on one field, as the server reports it (`body.name`, `query.asOf`, …). */
export type FieldProblem = { field: string; message: string };

export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly requestId?: string,
  ) {
    super(message);
  }

  /** Field errors when the server sent `details: [{field, message}]`, else an empty list. */
  get fieldProblems(): FieldProblem[] {
    if (!Array.isArray(this.details)) return [];
    return this.details.filter(
      (d): d is FieldProblem =>
        typeof d === "object" && d !== null && typeof d.field === "string" && typeof d.message === "string",
    );
  }
}

type ClientState = {
  csrfToken: string | undefined;
  language: string;
  onUnauthorized: (() => void) | undefined;
  onPasswordChangeRequired: (() => void) | undefined;
};

// Module state rather than React context: the auth context and the language switch write it, every
// request reads it, and no component needs to re-render when it changes.
const state: ClientState = {
  csrfToken: undefined,
  language: "vi",
  onUnauthorized: undefined,
  onPasswordChangeRequired: undefined,
};

export function setCsrfToken(token: string | undefined) {
  state.csrfToken = token;
}
export function setApiLanguage(language: string) {
  state.language = language;
}
/** Called when a request other than login or /auth/me answers 401: the session has expired. */
export function setUnauthorizedHandler(handler: (() => void) | undefined) {
  state.onUnauthorized = handler;
}

/** Called when a request answers 403 AUTH_PASSWORD_CHANGE_REQUIRED: the password must be changed first. */
export function setPasswordChangeRequiredHandler(handler: (() => void) | undefined) {
  state.onPasswordChangeRequired = handler;
}

/** The problem as an ApiError, after telling the session handlers about an expired or held session. */
function sessionProblem(status: number, data: unknown, isAuthProbe = false): ApiError {
  const error = toApiError({ status }, data);
  if (status === 401 && !isAuthProbe) state.onUnauthorized?.();
  if (status === 403 && error.code === "AUTH_PASSWORD_CHANGE_REQUIRED") state.onPasswordChangeRequired?.();
  return error;
}

export type RequestOptions = {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** 401 is an expected answer (login, who-am-I): do not treat it as an expired session. */
  isAuthProbe?: boolean;
  signal?: AbortSignal;
};

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  // Always say which language: the browser's own Accept-Language may be English on a Vietnamese UI.
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": state.language };
  if (method !== "GET" && state.csrfToken) headers["X-CSRF-Token"] = state.csrfToken;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(options.query)}`, {
      method,
      headers,
      body,
      credentials: "same-origin",
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === "AbortError") throw cause;
    throw new ApiError(0, "NETWORK", networkMessage());
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) throw sessionProblem(response.status, data, options.isAuthProbe);
  return data as T;
}

/**
 * Uploads one file as multipart field `file` — or, with `raw`, as the request body itself
 * (application/octet-stream, for routes that read the file whole) — reporting the bytes sent (fetch
 * cannot report upload progress, XMLHttpRequest can). Errors arrive as ApiError like those of `api`.
 */
export function apiUpload<T>(
  path: string,
  file: File,
  options: {
    query?: RequestOptions["query"];
    onProgress?: (sent: number, total: number) => void;
    signal?: AbortSignal;
    raw?: boolean;
  } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api${path}${queryString(options.query)}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Accept-Language", state.language);
    if (state.csrfToken) xhr.setRequestHeader("X-CSRF-Token", state.csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.(event.loaded, event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, "NETWORK", networkMessage()));
    xhr.onabort = () => reject(new DOMException("Aborted", "AbortError"));
    xhr.onload = () => {
      const data = xhr.responseText ? safeJson(xhr.responseText) : undefined;
      if (xhr.status >= 200 && xhr.status < 300) {
        resolve(data as T);
        return;
      }
      reject(sessionProblem(xhr.status, data));
    };
    options.signal?.addEventListener("abort", () => xhr.abort());
    if (options.raw) {
      xhr.setRequestHeader("Content-Type", "application/octet-stream");
      xhr.send(file);
      return;
    }
    const body = new FormData();
    body.append("file", file, file.name);
    xhr.send(body);
  });
}

/** A file the server sent, with the name from its Content-Disposition. */
export type Download = { blob: Blob; fileName: string; headers: Headers };

/**
 * Fetches a file (export, template, DOCX, error file) as a Blob, so that a refusal arrives as an
 * ApiError with the server's message instead of a JSON page opened in the browser.
 */
export async function apiDownload(
  path: string,
  query?: RequestOptions["query"],
  fallbackName = "tep",
): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(query)}`, {
      headers: { "Accept-Language": state.language },
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK", networkMessage());
  }
  if (!response.ok) {
    const text = await response.text();
    throw sessionProblem(response.status, text ? safeJson(text) : undefined);
  }
  const blob = await response.blob();
  return {
    blob,
    fileName: fileNameOf(response.headers.get("content-disposition")) ?? fallbackName,
    headers: response.headers,
  };
}

/** Hands a downloaded file to the browser's "save" machinery. */
export function saveDownload({ blob, fileName }: Download) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name of `attachment; filename="…"; filename*=UTF-8''…` (the UTF-8 one preferred). */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (utf8?.[1]) {
    try {
      return decodeURIComponent(utf8[1].trim());
    } catch {
      // Fall through to the ASCII name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || undefined;
}

/** The query string of an API URL, without empty values (for links opened by the browser itself). */
export function apiUrl(path: string, query?: RequestOptions["query"]): string {
  return `/api${path}${queryString(query)}`;
}

function toApiError(response: { status: number }, data: unknown): ApiError {
  if (typeof data === "object" && data !== null && "code" in data && "message" in data) {
    const problem = data as { code: string; message: string; details?: unknown; requestId?: string };
    return new ApiError(response.status, problem.code, problem.message, problem.details, problem.requestId);
  }
  const fallback =
    state.language === "en"
      ? `The server answered ${response.status}.`
      : `Máy chủ trả lời lỗi ${response.status}.`;
  return new ApiError(response.status, "HTTP_ERROR", fallback);
}

function networkMessage(): string {
  return state.language === "en"
    ? "Cannot reach the server. Check the connection and try again."
    : "Không kết nối được máy chủ. Kiểm tra kết nối rồi thử lại.";
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function queryString(query: RequestOptions["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}
