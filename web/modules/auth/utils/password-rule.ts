import { PASSWORD_RULE } from "../../../../common/contracts/users.ts";

/** The password rule in the language of the screen (the one text the server and README also use). */
export function passwordRule(language: string): string {
  return language.startsWith("en") ? PASSWORD_RULE.en : PASSWORD_RULE.vi;
}
