import { performance } from "node:perf_hooks";

/**
 * Long work (exports, backups) reads in pieces, each its own short statement, so that on the embedded
 * database — one session, one exchange at a time (ADR 0001) — other users' statements run between two
 * pieces and wait at most one piece. How many rows (or pages) make a short piece depends on the rows and
 * on the machine, so the size follows the time the last piece took: it aims at TARGET_MS, halving or
 * doubling at most per piece, within [min, max].
 */
export const PIECE_TARGET_MS = 100;

export type PieceSize = {
  /** The size of the next piece. */
  readonly size: number;
  /** Times one piece: runs it and adapts the next size to how long it took. */
  timed<T>(read: (size: number) => Promise<T>): Promise<T>;
};

/**
 * `fixed` keeps the size whatever the time (tests use small fixed pieces); `targetMs` replaces
 * PIECE_TARGET_MS for work with a fixed cost per piece (a commit).
 */
export function pieceSize(options: {
  initial: number;
  min: number;
  max: number;
  fixed?: boolean;
  targetMs?: number;
}): PieceSize {
  const target = options.targetMs ?? PIECE_TARGET_MS;
  let size = options.initial;
  return {
    get size() {
      return size;
    },
    async timed(read) {
      const started = performance.now();
      const result = await read(size);
      if (!options.fixed) {
        const ms = Math.max(1, performance.now() - started);
        const factor = Math.min(2, Math.max(0.5, target / ms));
        size = Math.round(Math.min(options.max, Math.max(options.min, size * factor)));
      }
      return result;
    },
  };
}
