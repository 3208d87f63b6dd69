import type { CompletionBand, CriterionNode } from "./scheme.ts";

/**
 * The Hà Nội monthly form (Decision 3814-QĐ/TU, amended by 3251-QĐ/TU) as a district publishes it
 * (../shared/data/monthly-form-district.txt): 20 discipline & ethics + 70 task results + 10 bonus. The labels
 * are the form's text; codes follow its numbering (I.1.a is the first "+" line under I.1).
 */

/**
 * Block II.2 from the task-completion share (DOMAIN §3): 90–100% → 45–50; 80–<90% → 40–<45; 70–<80% → 35–<40;
 * < 70% → < 35. The proposal is share × 50 / 100, which falls inside every band (see proposedCompletionPoints).
 */
export const HANOI_COMPLETION_BANDS: readonly CompletionBand[] = [
  { minSharePercent: 90, minPoints: 45, maxPoints: 50, isMaxInclusive: true },
  { minSharePercent: 80, minPoints: 40, maxPoints: 45, isMaxInclusive: false },
  { minSharePercent: 70, minPoints: 35, maxPoints: 40, isMaxInclusive: false },
  { minSharePercent: 0, minPoints: 0, maxPoints: 35, isMaxInclusive: false },
];

const item = (code: string, maxPoints: number, label: string): CriterionNode => ({
  code,
  label,
  kind: "item",
  maxPoints,
});

export const HANOI_3814_CRITERIA: readonly CriterionNode[] = [
  {
    code: "I",
    label: "Ý thức tổ chức kỷ luật",
    kind: "group",
    maxPoints: 20,
    children: [
      {
        code: "I.1",
        label:
          "Ý thức tổ chức kỷ luật; phẩm chất đạo đức; lối sống, tác phong, lề lối làm việc chuẩn mực, lành mạnh. Đoàn kết, thực hiện nguyên tắc tập trung dân chủ trong cơ quan, đơn vị.",
        kind: "group",
        maxPoints: 6,
        children: [
          item(
            "I.1.a",
            2,
            "Gương mẫu, tự giác chấp hành tốt đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước; nội quy, quy chế của cơ quan trong thực thi công vụ; gương mẫu về đạo đức, lối sống.",
          ),
          item(
            "I.1.b",
            2,
            "Tác phong, lề lối làm việc chuẩn mực, tận tụy, trung thực trong công việc, sẵn sàng nhận nhiệm vụ.",
          ),
          item("I.1.c", 2, "Giữ gìn đoàn kết nội bộ, xây dựng môi trường làm việc dân chủ, kỷ cương."),
        ],
      },
      {
        code: "I.2",
        label:
          "Thực hiện quy tắc ứng xử của cán bộ, công chức, viên chức, lao động hợp đồng trong các cơ quan thuộc thành phố Hà Nội.",
        kind: "group",
        maxPoints: 14,
        children: [
          item(
            "I.2.a",
            3,
            "Thực hiện tốt văn hoá công sở; Giao tiếp thân thiện, lịch sự, ngôn ngữ chuẩn mực, rõ ràng. Mặc trang phục lịch sự, phù hợp với hoàn cảnh, tính chất công việc, đúng quy định của cơ quan, đơn vị.",
          ),
          item("I.2.b", 3, "Chấp hành kỷ luật, kỷ cương hành chính, sử dụng hiệu quả thời gian làm việc."),
          item(
            "I.2.c",
            2,
            "Đeo thẻ chức danh trong giờ làm việc. Sắp xếp, bài trí chỗ làm việc gọn gàng, ngăn nắp.",
          ),
          item(
            "I.2.d",
            2,
            "Có thái độ phục vụ nhân dân đúng mực; không hách dịch, cửa quyền, phiền hà, tiêu cực trong thực hiện công vụ. Chấp hành quy định ra, vào cơ quan; quản lý bảo vệ tài sản, trang thiết bị của cơ quan, đơn vị, phòng làm việc.",
          ),
          item("I.2.đ", 2, "Xây dựng hình ảnh, giữ gìn uy tín cho bản thân, cơ quan, đơn vị và đồng nghiệp."),
          item("I.2.e", 2, "Giữ gìn bí mật của cơ quan, đơn vị và thực hiện nghiêm kỷ luật phát ngôn."),
        ],
      },
      {
        code: "I.x",
        label: "Nội dung bị trừ điểm",
        kind: "deduction",
        maxPoints: 20,
        needsReason: true,
        deductionGrounds: [
          "Có phản ảnh, kiến nghị của nhân dân về thái độ, chất lượng phục vụ (xác minh sự việc là đúng)",
          "Thực hiện không nghiêm quy định về văn hóa công sở; mặc trang phục không phù hợp và không đúng nội quy cơ quan",
          "Đi làm muộn, về sớm, không có mặt tại vị trí làm việc (không có lý do)",
          "Đi họp muộn hoặc không đi họp mà không xin phép; không kịp thời báo cáo lãnh đạo nội dung cuộc họp được phân công dự họp",
          "Không đeo thẻ chức danh trong giờ làm việc",
          "Có hành vi (lời nói, việc làm) gây ảnh hưởng tới uy tín của bản thân, đồng nghiệp, cơ quan",
          "Phát ngôn làm lộ bí mật của cơ quan hoặc phát ngôn không đúng sự thật, làm ảnh hưởng tới cơ quan",
        ],
      },
    ],
  },
  {
    code: "II",
    label: "Kết quả thực hiện nhiệm vụ",
    kind: "group",
    maxPoints: 70,
    children: [
      {
        code: "II.1",
        label: "Năng lực và kỹ năng lãnh đạo, điều hành",
        kind: "group",
        maxPoints: 20,
        children: [
          item(
            "II.1.a",
            2,
            "Chủ động nghiên cứu, cập nhật kịp thời các kiến thức pháp luật và chuyên môn nghiệp vụ; tham mưu đầy đủ, có chất lượng các văn bản phục vụ công tác chỉ đạo, điều hành của đơn vị/bộ phận theo chỉ đạo của lãnh đạo và kế hoạch công tác.",
          ),
          item(
            "II.1.b",
            2,
            "Xây dựng kế hoạch công tác của đơn vị theo lĩnh vực được phân công và kế hoạch công tác của cá nhân rõ nội dung, tiến độ thực hiện.",
          ),
          item(
            "II.1.c",
            2,
            "Chỉ đạo, điều hành, kiểm soát việc thực hiện nhiệm vụ của đơn vị/bộ phận đảm bảo kịp thời, không bỏ sót nhiệm vụ. Giải quyết công việc đúng quy trình quy định.",
          ),
          item(
            "II.1.d",
            2,
            "Triển khai, phân công nhiệm vụ và điều phối công việc cho cấp dưới linh hoạt, có chỉ đạo định hướng, hướng dẫn.",
          ),
          item(
            "II.1.đ",
            2,
            "Kiểm tra, bao quát, đôn đốc việc thực hiện nhiệm vụ của CBCCVC trong đơn vị/bộ phận và giải quyết kịp thời những khó khăn, vướng mắc theo thẩm quyền.",
          ),
          item("II.1.e", 2, "Có năng lực tập hợp CBCCVC, xây dựng đơn vị/bộ phận đoàn kết, thống nhất."),
          item(
            "II.1.g",
            2,
            "Phối hợp, tạo lập mối quan hệ tốt với cá nhân, tổ chức có liên quan trong thực hiện nhiệm vụ.",
          ),
          item(
            "II.1.h",
            2,
            "Sử dụng thành thạo các phần mềm, ứng dụng CNTT đáp ứng yêu cầu quản lý, điều hành, giải quyết công việc.",
          ),
          item(
            "II.1.i",
            2,
            "Các văn bản ban hành thuộc lĩnh vực phụ trách đảm bảo đúng thể thức, quy trình, thủ tục, không có sai sót. 100% văn bản trên phần mềm quản lý văn bản và điều hành tác nghiệp thuộc trách nhiệm được xử lý kịp thời, đúng quy trình.",
          ),
          item("II.1.k", 2, "Tham mưu tổ chức, chủ trì, điều hành cuộc họp hiệu quả."),
          {
            code: "II.1.x",
            label: "Nội dung bị trừ điểm",
            kind: "deduction",
            maxPoints: 20,
            needsReason: true,
            deductionGrounds: [
              "Có văn bản đơn vị/bộ phận tham mưu ký ban hành bị sai sót",
              "Xây dựng kế hoạch công tác của đơn vị/cá nhân chưa hợp lý về các nội dung công việc, bỏ sót nhiệm vụ",
              "Còn công việc của CBCC thuộc phạm vi phụ trách chưa đạt kết quả theo yêu cầu",
              "Tham mưu, giải quyết công việc không đúng quy trình",
              "Chưa thực hiện tốt việc định hướng, hướng dẫn khi giao việc cho cấp dưới hoặc chưa giải quyết kịp thời những khó khăn, vướng mắc theo báo cáo, đề xuất của cấp dưới",
              "Hàng ngày không tự kiểm việc theo lịch công tác tuần; hàng tháng chậm đánh giá kết quả thực hiện nhiệm vụ theo kế hoạch công tác",
              "Phối hợp với cá nhân, tổ chức có liên quan trong giải quyết công việc không hiệu quả, tạo căng thẳng, bức xúc",
              "Chưa sử dụng thành thạo ứng dụng CNTT đáp ứng yêu cầu công việc",
              "Tham mưu tổ chức cuộc họp chưa đảm bảo chất lượng về tài liệu họp, thành phần dự họp",
            ],
          },
        ],
      },
      {
        code: "II.2",
        label:
          "Thực hiện nhiệm vụ theo kế hoạch, lịch công tác và các nhiệm vụ đột xuất phát sinh đảm bảo tiến độ, chất lượng",
        kind: "group",
        maxPoints: 50,
        children: [
          {
            code: "II.2.a",
            label:
              "Tỷ lệ hoàn thành công việc theo kế hoạch, lịch công tác và các công việc, nhiệm vụ đột xuất phát sinh đảm bảo tiến độ và chất lượng",
            kind: "item",
            maxPoints: 50,
            completionBands: HANOI_COMPLETION_BANDS,
          },
          {
            code: "II.2.x",
            label: "Nội dung bị trừ điểm",
            kind: "deduction",
            maxPoints: 50,
            needsReason: true,
            deductionGrounds: [
              "Không báo cáo lãnh đạo đơn vị công việc trước khi trình lãnh đạo cấp trên",
              "Không hoàn thành công việc theo kế hoạch hoặc phát sinh đảm bảo tiến độ, chất lượng",
              "Không tham mưu kịp thời xử lý, giải quyết dứt điểm các khiếu nại, tố cáo, phản ánh, kiến nghị của công dân, tổ chức; giải quyết hồ sơ hành chính chậm tiến độ (không có lý do chính đáng)",
              "Báo cáo với cấp trên không kịp thời dẫn tới ảnh hưởng tới kết quả giải quyết công việc",
            ],
          },
        ],
      },
    ],
  },
  {
    code: "III",
    label: "Điểm thưởng",
    kind: "group",
    maxPoints: 10,
    children: [
      {
        code: "III.1",
        label:
          "Có sáng kiến, giải pháp hiệu quả: tham mưu, đề xuất giải pháp, mô hình mới được cấp có thẩm quyền phê duyệt; tham mưu có hiệu quả nhiệm vụ mới, khó, phức tạp được lãnh đạo ghi nhận; chủ động, sáng tạo, cải tiến phương pháp làm việc hoặc hoàn thành khối lượng lớn công việc đảm bảo chất lượng. Phải nêu rõ nội dung công việc đạt điểm thưởng.",
        kind: "bonus",
        maxPoints: 10,
        needsReason: true,
        decidedBy: "head",
      },
    ],
  },
];
