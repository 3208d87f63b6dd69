import { describe, expect, it } from "vitest";
import {
  backoffSeconds,
  isAllowedBeforePasswordChange,
  isCommonPassword,
  passwordProblem,
  THROTTLE,
} from "./auth.policy.ts";
import { generatePassword } from "./auth.service.ts";

describe("common passwords", () => {
  it.each([
    "123456a@",
    "matkhau",
    "anhyeuem",
    "MatKhau",
    "mật khẩu",
    "Mật-khẩu",
    "ANHYEUEM",
    "anhyeuem123",
    "anhyeuem@2026",
    "123456a@2024",
    "2024matkhau",
    "@@matkhau!!",
    "Matkhau@123",
    "Password1",
    "P@ssw0rd!",
    "qwerty123456",
    "iloveyou2026",
    "Vietnam@1975",
    "NguyenVanAnh1990",
    "tranthihoa-1985",
    "Hanoi@2026",
    "canbo@123",
  ])("refuses %s", (password) => {
    expect(isCommonPassword(password)).toBe(true);
  });

  it.each([
    "Tre-xanh-7-Qz",
    "Cau-hinh-san-2026",
    "Quan-tri-E2E-2026",
    "song-hong-chay-qua-4-cau",
    "x7Kp2mQa9vLt",
    "Mat-khau-2026x",
  ])("accepts %s", (password) => {
    expect(isCommonPassword(password)).toBe(false);
  });

  it("accepts every generated password (the first administrator's, the command line's)", () => {
    for (let i = 0; i < 200; i++) expect(passwordProblem(generatePassword(), "admin")).toBeUndefined();
  });
});

describe("the password rule", () => {
  it.each([
    ["Tre-xanh-7-Qz", "nguyenvana", undefined, undefined],
    ["Ngan-1", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["Khong-co-chu-so-nao", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["1234-5678-9012", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["X-NguyenVanA-2026", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["X-Nguyen.Van.A-2026", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["matkhau-nguyenvana-1", "nguyenvana", undefined, "AUTH_WEAK_PASSWORD"],
    ["Tre-xanh-7-Qz", "nguyenvana", "Tre-xanh-7-Qz", "AUTH_WEAK_PASSWORD"],
    ["Matkhau2026", "nguyenvana", undefined, "AUTH_COMMON_PASSWORD"],
  ] as const)("%s for %s (old %s): %s", (password, username, previous, problem) => {
    expect(passwordProblem(password, username, previous)).toBe(problem);
  });
});

describe("the back-off", () => {
  it("waits nothing for the free checks, then doubles from 30 seconds up to the maximum", () => {
    const waits = Array.from({ length: 13 }, (_, n) => backoffSeconds(n, THROTTLE.pair));
    expect(waits).toEqual([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900]);
    expect(backoffSeconds(10_000, THROTTLE.user)).toBe(THROTTLE.user.maxWaitSeconds);
  });
});

describe("what a user who must change the password may call", () => {
  it.each([
    ["GET", "/api/auth/me", true],
    ["POST", "/api/auth/password", true],
    ["POST", "/api/auth/logout", true],
    ["GET", "/api/health", true],
    ["GET", "/api/auth/me?x=1", true],
    ["GET", "/api/users", false],
    ["POST", "/api/auth/me", false],
    ["GET", "/api/auth/password", false],
    ["GET", "/api/cadres?q=/api/auth/me", false],
  ] as const)("%s %s: %s", (method, url, allowed) => {
    expect(isAllowedBeforePasswordChange(method, url)).toBe(allowed);
  });
});
