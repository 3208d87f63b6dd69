import zlib from "node:zlib";

/**
 * Workbooks built byte by byte for tests of damaged and hostile files: a ZIP writer that can lie about
 * sizes, and the few parts an .xlsx needs around a worksheet written by hand.
 */

export type ZipPart = {
  name: string;
  data: Buffer | string;
  /** Stored instead of deflated. */
  stored?: boolean;
  /** The inflated size written in the directory (a bomb lies here); the real one by default. */
  declaredSize?: number;
};

/** A ZIP archive of the parts. */
export function zipOf(parts: readonly ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const data = Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data);
    const body = part.stored ? data : zlib.deflateRawSync(data);
    const name = Buffer.from(part.name);
    const crc = zlib.crc32(data);
    const size = part.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(part.stored ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(part.stored ? 0 : 8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(body.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    central.push(entry, name);
    offset += local.length + name.length + body.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/** The parts of a workbook around one worksheet whose <sheetData> content is given. */
export function workbookParts(
  sheetData: string,
  options: { sharedStrings?: string; sheet?: Partial<ZipPart> } = {},
): ZipPart[] {
  return [
    {
      name: "xl/workbook.xml",
      data: `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="A" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    ...(options.sharedStrings !== undefined
      ? [{ name: "xl/sharedStrings.xml", data: `<sst xmlns="${MAIN}">${options.sharedStrings}</sst>` }]
      : []),
    {
      name: "xl/worksheets/sheet1.xml",
      data: `<worksheet xmlns="${MAIN}"><sheetData>${sheetData}</sheetData></worksheet>`,
      ...options.sheet,
    },
  ];
}

/** A workbook whose first sheet holds the given <sheetData> content. */
export function workbookOf(sheetData: string, options: Parameters<typeof workbookParts>[1] = {}): Buffer {
  return zipOf(workbookParts(sheetData, options));
}

/** An inline-string cell. */
export const textCell = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
