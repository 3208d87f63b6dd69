import { readFileSync } from "node:fs";

/** Reads a tab-separated reference file shipped in server/seed/reference/ (header row first). */
export function readTsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`./reference/${name}`, import.meta.url), "utf8");
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  const columns = header!.split("\t");
  return lines.map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(columns.map((c, i) => [c, (cells[i] ?? "").trim()]));
  });
}
