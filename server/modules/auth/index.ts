export { isAllowedBeforePasswordChange, passwordProblem } from "./auth.policy.ts";
export { authRoutes, CSRF_COOKIE, SESSION_COOKIE } from "./auth.routes.ts";
export { type AuthService, createAuthService, generatePassword } from "./auth.service.ts";
export { loginAttempts, loginThrottle, sessions, userScopes, users } from "./schema.ts";
