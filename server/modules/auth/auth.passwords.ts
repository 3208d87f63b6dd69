import { randomBytes } from "node:crypto";
import { hash } from "@node-rs/argon2";

// OWASP's argon2id settings: 19 MiB, 2 iterations.
export const ARGON = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** The argon2id hash stored for a password. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

/** 20 characters from an unambiguous alphabet, with at least one digit and one letter. */
export function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  for (;;) {
    const bytes = randomBytes(20);
    const pw = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
    if (/\d/.test(pw) && /[a-zA-Z]/.test(pw)) return pw;
  }
}
