/** Why a chosen file is refused before it is sent (the server checks again). */
export type FileProblem = "notSpreadsheet" | "oldExcel" | "emptyFile";

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Looks at the name and the first bytes: an .xlsx is a zip, a .csv is text (no NUL byte, not a zip or
 * a PDF). Saves an upload, and says clearly what is wrong with a Word file renamed .xlsx.
 */
export async function checkSpreadsheet(file: File): Promise<FileProblem | undefined> {
  const name = file.name.toLowerCase();
  if (file.size === 0) return "emptyFile";
  const head = new Uint8Array(await file.slice(0, 4096).arrayBuffer());
  if (name.endsWith(".xls") || startsWith(head, OLE_MAGIC)) return "oldExcel";
  if (name.endsWith(".xlsx")) return startsWith(head, ZIP_MAGIC) ? undefined : "notSpreadsheet";
  if (name.endsWith(".csv")) {
    const isBinary =
      head.includes(0) || startsWith(head, ZIP_MAGIC) || startsWith(head, [0x25, 0x50, 0x44, 0x46]);
    return isBinary ? "notSpreadsheet" : undefined;
  }
  return "notSpreadsheet";
}

/** 1.2 MB, 340 kB, 12 B. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}
