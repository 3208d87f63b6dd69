import fs from "node:fs";
import zlib from "node:zlib";
import { AppError } from "../../lib/errors.ts";
import { ImportErrors } from "./imports.errors.ts";

/**
 * The ZIP container of an .xlsx file, read from its central directory (the file is on disk), each part
 * inflated as a stream of text. A workbook is a few dozen small parts; an archive that claims thousands of
 * parts, sizes that lie, or a part that inflates hundreds of times its compressed size is refused before
 * it can cost more than a bounded amount of work (a "zip bomb").
 */

export type ZipLimits = {
  /** Parts listed in the directory (Excel writes a few dozen). */
  maxEntries: number;
  /** Bytes inflated across every part read (a 200,000-row sheet is ~300 MB of XML). */
  maxInflatedBytes: number;
  /** Inflated ÷ compressed size of one part, checked once the part passes ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
};

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxInflatedBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 10 * 1024 * 1024,
};

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  headerOffset: number;
};

/** Inflated bytes left to spend across the parts of one file. */
export type InflateBudget = { remaining: number };

export const corrupt = (reason: string, cause?: unknown) =>
  new AppError(ImportErrors.IMPORT_XLSX_CORRUPT, { details: { reason }, ...(cause ? { cause } : {}) });

const inflated = (reason: string) => new AppError(ImportErrors.IMPORT_XLSX_INFLATED, { details: { reason } });

/** Reads the ZIP central directory. */
export async function readDirectory(
  handle: fs.promises.FileHandle,
  size: number,
  limits: ZipLimits,
): Promise<Map<string, ZipEntry>> {
  const tailSize = Math.min(size, 22 + 65_535);
  const tail = Buffer.alloc(tailSize);
  await handle.read(tail, 0, tailSize, size - tailSize);
  let eocd = -1;
  for (let i = tailSize - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw corrupt("no ZIP directory (truncated file?)");
  const count = tail.readUInt16LE(eocd + 10);
  const dirSize = tail.readUInt32LE(eocd + 12);
  const dirOffset = tail.readUInt32LE(eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff) throw corrupt("ZIP64 archives are not supported");
  if (count > limits.maxEntries) {
    throw new AppError(ImportErrors.IMPORT_FILE_BEYOND_LIMITS, {
      details: { reason: `tệp nén có ${count} phần (tối đa ${limits.maxEntries})` },
    });
  }
  if (dirOffset + dirSize > size) throw corrupt("ZIP directory out of bounds");
  const dir = Buffer.alloc(dirSize);
  await handle.read(dir, 0, dirSize, dirOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || dir.readUInt32LE(p) !== 0x02014b50) throw corrupt("bad ZIP directory entry");
    const nameLength = dir.readUInt16LE(p + 28);
    if (p + 46 + nameLength > dir.length) throw corrupt("bad ZIP directory entry");
    const name = dir.toString("utf8", p + 46, p + 46 + nameLength);
    const entry: ZipEntry = {
      name,
      flags: dir.readUInt16LE(p + 8),
      method: dir.readUInt16LE(p + 10),
      compressedSize: dir.readUInt32LE(p + 20),
      uncompressedSize: dir.readUInt32LE(p + 24),
      headerOffset: dir.readUInt32LE(p + 42),
    };
    entries.set(name.replace(/^\//, ""), entry);
    p += 46 + nameLength + dir.readUInt16LE(p + 30) + dir.readUInt16LE(p + 32);
  }
  return entries;
}

function checkRatio(entry: ZipEntry, inflatedBytes: number, compressedBytes: number, limits: ZipLimits) {
  if (inflatedBytes > limits.ratioFloorBytes && inflatedBytes > limits.maxRatio * compressedBytes) {
    throw inflated(
      `${entry.name}: ${Math.round(inflatedBytes / Math.max(compressedBytes, 1))} lần kích thước nén (tối đa ${limits.maxRatio})`,
    );
  }
}

/**
 * The part's content as text, UTF-8 decoded across chunk boundaries. Refused as it inflates: past the
 * size its directory entry declared, past the file's budget, or past the compression ratio.
 */
export async function openEntry(
  file: string,
  handle: fs.promises.FileHandle,
  entry: ZipEntry,
  budget: InflateBudget,
  limits: ZipLimits,
  onBytes?: (compressedBytesRead: number) => void,
): Promise<AsyncIterable<string> & { destroy(): void }> {
  if (entry.flags & 1) throw corrupt("encrypted entry");
  if (entry.method !== 0 && entry.method !== 8) throw corrupt(`compression method ${entry.method}`);
  if (entry.uncompressedSize > budget.remaining) {
    throw inflated(`${entry.name}: ${entry.uncompressedSize} byte khi giải nén`);
  }
  checkRatio(entry, entry.uncompressedSize, entry.compressedSize, limits);
  const header = Buffer.alloc(30);
  await handle.read(header, 0, 30, entry.headerOffset);
  if (header.readUInt32LE(0) !== 0x04034b50) throw corrupt("bad local header");
  const start = entry.headerOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (entry.compressedSize === 0) {
    return { destroy() {}, async *[Symbol.asyncIterator]() {} };
  }
  const raw = fs.createReadStream(file, {
    start,
    end: start + entry.compressedSize - 1,
    highWaterMark: 256 * 1024,
  });
  let compressedRead = 0;
  raw.on("data", (chunk) => {
    compressedRead += chunk.length;
    onBytes?.(start + compressedRead);
  });
  const stream: NodeJS.ReadableStream & { destroy(error?: Error): void } =
    entry.method === 8 ? raw.pipe(zlib.createInflateRaw({ chunkSize: 256 * 1024 })) : raw;
  if (stream !== raw) raw.on("error", (e) => stream.destroy(e));
  const destroy = () => {
    raw.destroy();
    stream.destroy();
  };
  return {
    destroy,
    async *[Symbol.asyncIterator]() {
      const decoder = new TextDecoder("utf-8");
      let out = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          out += chunk.length;
          budget.remaining -= chunk.length;
          // Sizes in the directory are what a bomb lies about; the inflated bytes are counted, not trusted.
          if (out > entry.uncompressedSize) throw corrupt(`${entry.name}: larger than its declared size`);
          if (budget.remaining < 0) throw inflated(`quá ${limits.maxInflatedBytes} byte khi giải nén`);
          checkRatio(entry, out, compressedRead, limits);
          yield decoder.decode(chunk, { stream: true });
        }
        const last = decoder.decode();
        if (last) yield last;
      } catch (error) {
        if (error instanceof AppError) throw error;
        throw corrupt("damaged compressed data", error);
      } finally {
        destroy();
      }
    },
  };
}
