/**
 * One error type for the whole server. Each code has an HTTP status and a message in Vietnamese and
 * English; modules declare their own codes with defineErrors() in their `*.errors.ts`. An AppError is made
 * from such a declared code — `new AppError(AuthErrors.AUTH_WEAK_PASSWORD)` — never from a string: a code
 * nobody declared cannot be thrown, and a module names another module's code only by importing it. The
 * type checker enforces both (there is no registry to consult at run time). Clients get problem+json
 * bodies `{type, code, message, details?, requestId}` and never a stack trace or SQL text.
 */
export type ErrorDefinition = { status: number; vi: string; en: string };

declare const declared: unique symbol;

/** A declared error code: its name, status and messages. Only defineErrors() makes them. */
export type ErrorCode<C extends string = string> = Readonly<ErrorDefinition & { code: C }> & {
  readonly [declared]: true;
};

/** Declares a module's error codes; returns them by name for `new AppError(…)`. */
export function defineErrors<const T extends Record<string, ErrorDefinition>>(
  defs: T,
): { readonly [K in keyof T & string]: ErrorCode<K> } {
  const codes: Record<string, ErrorCode> = {};
  for (const [code, def] of Object.entries(defs)) {
    codes[code] = Object.freeze({ ...def, code }) as unknown as ErrorCode;
  }
  return codes as { readonly [K in keyof T & string]: ErrorCode<K> };
}

export const CoreErrors = defineErrors({
  VALIDATION_FAILED: { status: 400, vi: "Dữ liệu không hợp lệ.", en: "The request data is invalid." },
  MALFORMED_JSON: {
    status: 400,
    vi: "Nội dung gửi lên không phải JSON hợp lệ.",
    en: "The request body is not valid JSON.",
  },
  UNSUPPORTED_MEDIA_TYPE: {
    status: 415,
    vi: "Kiểu nội dung không được hỗ trợ; hãy gửi application/json.",
    en: "Unsupported content type; send application/json.",
  },
  PAYLOAD_TOO_LARGE: { status: 413, vi: "Nội dung gửi lên quá lớn.", en: "The request body is too large." },
  UNAUTHENTICATED: { status: 401, vi: "Bạn cần đăng nhập.", en: "You need to log in." },
  FORBIDDEN: {
    status: 403,
    vi: "Bạn không có quyền thực hiện thao tác này.",
    en: "You are not allowed to do this.",
  },
  CSRF_INVALID: {
    status: 403,
    vi: "Phiên làm việc không hợp lệ (thiếu mã CSRF). Hãy tải lại trang.",
    en: "Invalid session token (CSRF). Reload the page.",
  },
  NOT_FOUND: { status: 404, vi: "Không tìm thấy.", en: "Not found." },
  ROUTE_NOT_FOUND: { status: 404, vi: "Không có địa chỉ API này.", en: "No such API route." },
  CONFLICT: { status: 409, vi: "Dữ liệu đã thay đổi hoặc bị trùng.", en: "Conflicting data." },
  RATE_LIMITED: {
    status: 429,
    vi: "Quá nhiều lần thử. Hãy đợi một lát rồi thử lại.",
    en: "Too many attempts. Wait a moment and try again.",
  },
  BACKUP_IN_PROGRESS: {
    status: 503,
    vi: "Hệ thống đang sao lưu dữ liệu: trong lúc này chỉ xem được, chưa ghi được. Hãy thử lại sau ít phút.",
    en: "A backup is running: data can be read but not changed for now. Try again in a few minutes.",
  },
  INTERNAL: {
    status: 500,
    vi: "Đã có lỗi hệ thống. Hãy thử lại hoặc báo quản trị viên kèm mã yêu cầu.",
    en: "An internal error occurred. Try again or report it with the request id.",
  },
});

export type Language = "vi" | "en";

export class AppError extends Error {
  readonly definition: ErrorCode;
  readonly details: unknown;
  constructor(definition: ErrorCode, options: { details?: unknown; cause?: unknown; message?: string } = {}) {
    super(options.message ?? definition.code, { cause: options.cause });
    this.name = "AppError";
    this.definition = definition;
    this.details = options.details;
  }

  get code(): string {
    return this.definition.code;
  }

  get status(): number {
    return this.definition.status;
  }
}

/** The user-facing message of a code in the asked language. */
export function messageOf(definition: ErrorCode, lang: Language): string {
  return definition[lang];
}

export type ProblemBody = {
  type: string;
  code: string;
  message: string;
  details?: unknown;
  requestId: string;
};

export function problemOf(error: AppError, lang: Language, requestId: string): ProblemBody {
  const body: ProblemBody = {
    type: `urn:canbo:error:${error.code.toLowerCase()}`,
    code: error.code,
    message: messageOf(error.definition, lang),
    requestId,
  };
  if (error.details !== undefined) body.details = error.details;
  return body;
}
