import fs from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../../lib/errors.ts";
import { createTestApp, type TestApp } from "../../test/harness.ts";
import { CsvSyntaxError, createCsvParser } from "./csv.ts";
import { textCell, workbookOf } from "./hostile-files.test-helpers.ts";
import { buildOrg, countRows, personRow, tempDir, writeCsv, writeXlsx } from "./imports.test-helpers.ts";
import { type ReadRow, readRowBatches } from "./sheet-rows.ts";
import { EXCEL_MAX_CELL_CHARS, EXCEL_MAX_COLUMNS, EXCEL_MAX_ROWS } from "./xlsx-reader.ts";

/**
 * Generated malformed input for the CSV and XLSX readers: random bytes, valid files with bytes changed,
 * cut or repeated, and sheets built from random XML pieces and cell references. Whatever comes in, a reader
 * either gives rows within a worksheet's limits or refuses the file with the imports module's own error,
 * in bounded time; through the upload route the answer is never a 5xx and nothing is written.
 */

const tmp = tempDir();
let t: TestApp;
let admin: { headers: Record<string, string> };
let validXlsx: Buffer;
let validCsv: Buffer;

beforeAll(async () => {
  t = await createTestApp();
  await buildOrg(t);
  admin = await t.userSession({ username: "admin-prop", roles: ["admin"] });
  // Rows the import refuses (an unknown unit): a mutated file that still reads can still not write.
  const rows = [1, 2, 3].map((i) => personRow(900_000 + i, { unitCode: "99999" }));
  validXlsx = fs.readFileSync(await writeXlsx(tmp.file("valid.xlsx"), rows));
  validCsv = fs.readFileSync(writeCsv(tmp.file("valid.csv"), rows));
});
afterAll(async () => {
  await t.close();
  tmp.remove();
});

let serial = 0;

/** Reads a file in this thread; the rows, or the AppError it was refused with. Anything else fails. */
async function readInThread(bytes: Uint8Array, format: "xlsx" | "csv"): Promise<ReadRow[] | AppError> {
  const file = tmp.file(`p${serial++}.${format}`);
  fs.writeFileSync(file, bytes);
  const started = performance.now();
  const rows: ReadRow[] = [];
  try {
    for await (const batch of readRowBatches(file, format)) rows.push(...batch);
    return rows;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  } finally {
    fs.rmSync(file, { force: true });
    expect(performance.now() - started, "read time").toBeLessThan(5_000);
  }
}

/** Rows as a worksheet may hold them: ascending numbers, within XFD1048576, cells within 32,767 characters. */
function expectWithinLimits(rows: ReadRow[]) {
  let last = 0;
  for (const row of rows) {
    expect(row.rowNo).toBeGreaterThan(last);
    expect(row.rowNo).toBeLessThanOrEqual(EXCEL_MAX_ROWS);
    expect(row.cells.length).toBeLessThanOrEqual(EXCEL_MAX_COLUMNS);
    for (const cell of row.cells) {
      if (typeof cell === "string") expect(cell.length).toBeLessThanOrEqual(EXCEL_MAX_CELL_CHARS);
    }
    last = row.rowNo;
  }
}

/** A valid file with some bytes changed, a piece cut out or a piece repeated. */
const mutated = (base: () => Buffer) =>
  fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
      fc.option(fc.tuple(fc.nat(), fc.nat({ max: 4096 }))),
      fc.option(fc.tuple(fc.nat(), fc.nat({ max: 2048 }), fc.integer({ min: 1, max: 20 }))),
    )
    .map(([changes, cut, repeat]) => {
      let bytes = Buffer.from(base());
      for (const [at, value] of changes) bytes[at % bytes.length] = value;
      if (cut) {
        const at = cut[0] % bytes.length;
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + cut[1])]);
      }
      if (repeat && bytes.length) {
        const at = repeat[0] % bytes.length;
        const piece = bytes.subarray(at, at + repeat[1]);
        bytes = Buffer.concat([bytes.subarray(0, at), ...Array(repeat[2]).fill(piece), bytes.subarray(at)]);
      }
      return bytes;
    });

/** A cell reference: mostly plausible, sometimes far beyond XFD1048576 or not a reference at all. */
const reference = fc.oneof(
  fc
    .tuple(fc.stringMatching(/^[A-Z]{1,3}$/), fc.integer({ min: 1, max: 1_048_576 }))
    .map(([c, r]) => `${c}${r}`),
  fc.stringMatching(/^[A-Z]{1,9}[0-9]{0,12}$/),
  fc.string({ maxLength: 12 }),
);

/** Pieces of worksheet XML, closed or not, in any order. */
const sheetPiece = fc.oneof(
  fc.constantFrom(
    "<row>",
    "</row>",
    "<row/>",
    "<c>",
    "</c>",
    "<c/>",
    "<v>",
    "</v>",
    "<is>",
    "</is>",
    "<t>",
    "</t>",
  ),
  fc.integer({ min: 0, max: 2_000_000 }).map((r) => `<row r="${r}">`),
  fc
    .tuple(reference, fc.constantFrom("s", "str", "inlineStr", "b", "e", "n", "d", "x"))
    .map(([ref, type]) => `<c r="${ref.replace(/"/g, "")}" t="${type}">`),
  fc
    .tuple(reference, fc.string({ maxLength: 40 }))
    .map(([ref, text]) => textCell(ref.replace(/"/g, ""), text)),
  fc.constantFrom(
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#99999999;",
    "&#x1F600;",
    "_x0000_",
    "_xD83D_",
    "&bogus;",
    "<![CDATA[",
    "]]>",
  ),
  fc.string({ maxLength: 20 }),
  fc.integer().map(String),
);

const randomSheet = fc.tuple(
  fc.array(sheetPiece, { maxLength: 200 }),
  fc.option(fc.array(sheetPiece, { maxLength: 50 })),
);

describe("the CSV reader on malformed input", () => {
  it("throws nothing but its syntax error, whatever the text and however it is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('"', ",", ";", "\t", "\r", "\n", "a", "Đ", " ", "'"),
          maxLength: 300,
        }),
        fc.array(fc.nat({ max: 300 }), { maxLength: 6 }),
        (text, cuts) => {
          const parser = createCsvParser();
          try {
            let from = 0;
            for (const cut of [...cuts].sort((a, b) => a - b)) {
              parser.feed(text.slice(from, Math.max(from, cut)));
              from = Math.max(from, cut);
            }
            parser.feed(text.slice(from));
            parser.end();
          } catch (error) {
            expect(error).toBeInstanceOf(CsvSyntaxError);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("reads random bytes and mutated files as rows or refuses them with an import error", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          mutated(() => validCsv),
        ),
        async (bytes) => {
          const result = await readInThread(bytes, "csv");
          if (!(result instanceof AppError)) expectWithinLimits(result);
          else expect(result.status).toBeLessThan(500);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("the XLSX reader on malformed input", () => {
  it("reads random bytes, mutated workbooks and random sheets as rows within limits, or refuses them", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }),
          mutated(() => validXlsx),
          randomSheet.map(([sheet, shared]) =>
            workbookOf(
              sheet.join(""),
              shared ? { sharedStrings: shared.map((s) => `<si>${s}</si>`).join("") } : {},
            ),
          ),
        ),
        async (bytes) => {
          const result = await readInThread(bytes, "xlsx");
          if (!(result instanceof AppError)) expectWithinLimits(result);
          else expect(result.status).toBeLessThan(500);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("the upload route on malformed files", () => {
  it("never answers 5xx and never writes anything", async () => {
    const before = await countRows(t);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          mutated(() => validXlsx).map((bytes) => ({ bytes, name: "p.xlsx" })),
          mutated(() => validCsv).map((bytes) => ({ bytes, name: "p.csv" })),
          randomSheet.map(([sheet]) => ({ bytes: workbookOf(sheet.join("")), name: "p.xlsx" })),
          fc.uint8Array({ maxLength: 1000 }).map((bytes) => ({ bytes: Buffer.from(bytes), name: "p.xlsx" })),
        ),
        async ({ bytes, name }) => {
          const res = await t.app.inject({
            method: "POST",
            url: `/api/imports/cadres?fileName=${name}`,
            headers: { ...admin.headers, "content-type": "application/octet-stream" },
            payload: bytes,
          });
          expect(res.statusCode, res.body.slice(0, 200)).toBeLessThan(500);
          if (res.statusCode === 200) expect(res.json()).toMatchObject({ committed: false });
        },
      ),
      { numRuns: 25 },
    );
    expect(await countRows(t)).toEqual(before);
  }, 180_000);
});
