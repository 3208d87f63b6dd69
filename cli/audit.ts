import type { ChainReport } from "../server/modules/audit/index.ts";

/**
 * `canbo audit verify`: the verdict on the audit trail's hash chain in Vietnamese, and the exit code (0 when
 * every link holds, 1 at the first break). The check itself is the audit module's (verifyChain).
 */
export function chainVerdict(report: ChainReport): { text: string; exitCode: 0 | 1 } {
  const head = `dòng cuối #${report.head.lastId}, mã băm cuối ${report.head.lastHash}`;
  if (report.ok) {
    return {
      text: `Nhật ký kiểm toán toàn vẹn: ${report.rows} dòng, chuỗi băm không đứt (${head}).`,
      exitCode: 0,
    };
  }
  const where =
    report.problem === "link"
      ? `Chuỗi băm bị đứt tại dòng #${report.id}: dòng này đã bị sửa, hoặc (các) dòng ngay trước nó đã bị xóa.`
      : report.problem === "tail"
        ? `Chuỗi băm dừng ở dòng #${report.id ?? 0} nhưng phải kéo dài đến dòng #${report.head.lastId}: các dòng cuối đã bị xóa.`
        : `Đầu chuỗi băm không khớp với các dòng (${head}): đầu chuỗi hoặc các dòng cuối đã bị thay đổi.`;
  return { text: `${where}\n${report.rows} dòng đầu tiên còn nguyên vẹn.`, exitCode: 1 };
}
