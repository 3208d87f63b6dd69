import fc from "fast-check";
import { INT4_MAX, isStorableText } from "../../common/contracts/common.ts";
import { isIsoDate } from "../../common/rules/dates.ts";

/**
 * Generators of malformed input for property-based tests, driven by JSON Schema (the OpenAPI document
 * of the routes, or z.toJSONSchema of a contract): a value of the schema's shape that is valid or
 * nearly so, with one place replaced by something hostile. Nearly valid matters: a value wrong
 * everywhere is refused by its first field and never reaches the code behind the validator.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  description?: string;
  default?: unknown;
};

/** Fields holding a date, by name (a describe() on a date replaces the schema's own description). */
const DATE_KEY = /(Date|On|^validFrom|^validTo|^asOf|^from|^to|^effectiveFrom)$/;
/** Fields holding row ids, by name: small numbers, so that some name rows that exist. */
const ID_KEY = /(^id$|^rowId$|Id$|Ids$)/;

const someDate = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2030-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A value of the schema, valid as far as JSON Schema can say (refinements aside). */
export function validish(schema: JsonSchema, key = ""): fc.Arbitrary<unknown> {
  const nullable = schema.nullable === true;
  const inner = validishInner(schema, key);
  return nullable ? fc.option(inner, { nil: null, freq: 5 }) : inner;
}

function validishInner(schema: JsonSchema, key: string): fc.Arbitrary<unknown> {
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches?.length) return fc.oneof(...branches.map((b) => validish(b, key)));
  if (schema.allOf?.length) return validish(Object.assign({}, ...schema.allOf), key);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
    case "number": {
      if (ID_KEY.test(key)) return fc.integer({ min: 1, max: 12 });
      const min = Math.ceil(schema.minimum ?? 0);
      const max = Math.floor(Math.min(schema.maximum ?? 1000, min + 1000));
      return fc.integer({ min, max: Math.max(min, max) });
    }
    case "string":
      return validishString(schema, key);
    case "array": {
      const item = schema.items ?? {};
      const minLength = schema.minItems ?? 0;
      return fc.array(validish(item, ID_KEY.test(key) ? "id" : key), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 3, 3)),
      });
    }
    case "object":
      return validishObject(schema);
    default:
      return schema.properties ? validishObject(schema) : fc.constant("x");
  }
}

function validishObject(schema: JsonSchema): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const entries = Object.entries(properties).map(([k, s]) => [k, validish(s, k)] as const);
  return fc.record(Object.fromEntries(entries), { requiredKeys: schema.required ?? [] });
}

function validishString(schema: JsonSchema, key: string): fc.Arbitrary<string> {
  if (schema.description?.includes("YYYY-MM-DD") || DATE_KEY.test(key)) return someDate;
  if (ID_KEY.test(key)) return fc.integer({ min: 1, max: 12 }).map(String);
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? 24, 24));
  if (schema.format === "email") return fc.constantFrom("a.b@example.vn", "nguoi.dung@so.gov.vn");
  if (schema.pattern) {
    try {
      const pattern = new RegExp(schema.pattern);
      return fc
        .stringMatching(pattern)
        .filter((s) => s.length >= minLength && s.length <= (schema.maxLength ?? Number.POSITIVE_INFINITY));
    } catch {
      return fc.constant("x".repeat(minLength));
    }
  }
  return fc.string({ unit: "grapheme", minLength, maxLength }).filter((s) => isStorableText(s));
}

/** Text with a NUL or half a surrogate pair somewhere in it. */
export const unstorableText: fc.Arbitrary<string> = fc
  .tuple(
    fc.string({ maxLength: 8 }),
    fc.constantFrom("\u0000", "\ud800", "\udbff", "\udc00", "\udfff"),
    fc.string({ maxLength: 8 }),
  )
  .map(([before, bad, after]) => before + bad + after);

/** Values no route takes anywhere, or takes only in a few places: each a probe of one weakness. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: unstorableText },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      "0000-01-01",
      "0001-01-01",
      "0099-12-31",
      "99999-01-01",
      "2024-02-30",
      "1799-12-31",
      "2201-01-01",
      "-2024-01-01",
      "2024-1-1",
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      true,
      false,
      0,
      -1,
      1.5,
      -0.5,
      2_147_483_648,
      -2_147_483_649,
      1e300,
      -1e300,
      2 ** 53,
      "true",
      "1e3",
      "0x10",
      "-1",
      " 7",
      "2147483648",
      "99999999999999999999",
      "NaN",
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, [], {}, [1, 2], { id: 1 }, [null], "", " ") },
  {
    weight: 1,
    arbitrary: fc.constantFrom("'; DROP TABLE units; --", "<script>alert(1)</script>", "../../etc/passwd"),
  },
  { weight: 1, arbitrary: fc.constant("Đ".repeat(3000)) },
  { weight: 1, arbitrary: fc.oneof(fc.string({ unit: "binary", maxLength: 12 }), fc.integer(), fc.double()) },
);

/** Whether a value carries text PostgreSQL cannot store as it is. */
export function hasUnstorableText(value: unknown): boolean {
  if (typeof value === "string") return !isStorableText(value);
  if (Array.isArray(value)) return value.some(hasUnstorableText);
  if (value && typeof value === "object")
    return Object.entries(value).some(([k, v]) => !isStorableText(k) || hasUnstorableText(v));
  return false;
}

type Path = (string | number)[];

function pathsOf(value: unknown, at: Path = []): Path[] {
  const paths: Path[] = [at];
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) paths.push(...pathsOf(v, [...at, i]));
  } else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) paths.push(...pathsOf(v, [...at, k]));
  return paths;
}

function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  copy[head as string] = replaceAt(copy[head as string], rest, replacement);
  return copy;
}

/**
 * A value of the schema with one hostile change: a field (or the whole value) replaced, a field the
 * schema does not know added, or nothing changed at all (valid input must not fail either).
 */
export function malformed(schema: JsonSchema): fc.Arbitrary<unknown> {
  return fc
    .tuple(
      validish(schema),
      fc.nat(),
      hostileValue,
      fc.constantFrom("replace", "replace", "replace", "add", "keep"),
    )
    .map(([value, pick, hostile, how]) => {
      if (how === "keep") return value;
      if (how === "add" && value && typeof value === "object" && !Array.isArray(value))
        return { ...value, "unknownField\u0000": hostile };
      const paths = pathsOf(value);
      return replaceAt(value, paths[pick % paths.length]!, hostile);
    });
}

/**
 * A value of the schema and, from it, one variant per place in it with that place replaced by a
 * hostile value, plus one with a field the schema does not know: every field is probed in every run.
 */
export function everyFieldMalformed(schema: JsonSchema): fc.Arbitrary<unknown[]> {
  return fc
    .tuple(validish(schema), fc.array(hostileValue, { minLength: 16, maxLength: 16 }))
    .map(([value, hostiles]) => [
      value,
      ...pathsOf(value).map((path, i) => replaceAt(value, path, hostiles[i % hostiles.length])),
      value && typeof value === "object" && !Array.isArray(value)
        ? { ...value, "unknownField\u0000": hostiles[0] }
        : hostiles[0],
    ]);
}

/**
 * The promise every accepted value keeps, whatever was sent: text the database can store, numbers an
 * int4 or numeric column holds, and real dates where a date is due.
 */
export function cleanProblems(value: unknown, key = ""): string[] {
  if (typeof value === "string") {
    if (!isStorableText(value)) return [`${key}: unstorable text`];
    const field = key.split(".").pop() ?? "";
    if (DATE_KEY.test(field) && !isIsoDate(value)) return [`${key}: not a date: ${value}`];
    return [];
  }
  if (typeof value === "number") {
    return Number.isFinite(value) && Math.abs(value) <= INT4_MAX
      ? []
      : [`${key}: number out of range: ${value}`];
  }
  if (Array.isArray(value)) return value.flatMap((v) => cleanProblems(v, key));
  if (value && typeof value === "object")
    return Object.entries(value).flatMap(([k, v]) => cleanProblems(v, key ? `${key}.${k}` : k));
  return [];
}
