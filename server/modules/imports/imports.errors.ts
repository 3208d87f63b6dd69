import { defineErrors } from "../../lib/errors.ts";

/** Errors of a file refused as a whole. Bad rows are not errors: they are listed in the import report. */
export const ImportErrors = defineErrors({
  IMPORT_FILE_EMPTY: { status: 400, vi: "Tệp rỗng.", en: "The file is empty." },
  IMPORT_FILE_TOO_LARGE: {
    status: 413,
    vi: "Tệp quá lớn để nhập.",
    en: "The file is too large to import.",
  },
  IMPORT_NOT_SPREADSHEET: {
    status: 400,
    vi: "Tệp không phải bảng tính Excel (.xlsx) hay CSV (UTF-8).",
    en: "The file is neither an Excel workbook (.xlsx) nor a UTF-8 CSV file.",
  },
  IMPORT_OLD_EXCEL: {
    status: 400,
    vi: "Tệp Excel 97–2003 (.xls) không được hỗ trợ: hãy mở trong Excel và lưu lại dưới dạng .xlsx.",
    en: "Excel 97–2003 files (.xls) are not supported: open the file in Excel and save it as .xlsx.",
  },
  IMPORT_XLSX_CORRUPT: {
    status: 400,
    vi: "Tệp Excel bị hỏng hoặc không có trang tính nào.",
    en: "The Excel file is damaged or has no worksheet.",
  },
  IMPORT_FILE_BEYOND_LIMITS: {
    status: 400,
    vi: "Tệp vượt giới hạn của bảng tính (quá cột XFD, quá dòng 1.048.576, hoặc ô dài quá 32.767 ký tự).",
    en: "The file exceeds spreadsheet limits (beyond column XFD or row 1,048,576, or a cell over 32,767 characters).",
  },
  IMPORT_XLSX_INFLATED: {
    status: 400,
    vi: "Tệp Excel khi giải nén lớn bất thường so với kích thước tệp: tệp bị hỏng hoặc không an toàn, không nhập.",
    en: "The Excel file inflates to an abnormal size for its length: damaged or unsafe, not imported.",
  },
  IMPORT_FILE_UNREADABLE: {
    status: 400,
    vi: "Không đọc được tệp trong giới hạn thời gian và bộ nhớ cho phép: tệp bị hỏng hoặc quá phức tạp.",
    en: "The file could not be read within the allowed time and memory: damaged or too complex.",
  },
  IMPORT_CSV_MALFORMED: {
    status: 400,
    vi: "Tệp CSV sai cấu trúc (dấu ngoặc kép không khớp).",
    en: "The CSV file is malformed (unbalanced quotes).",
  },
  IMPORT_HEADERS_INVALID: {
    status: 400,
    vi: "Dòng tiêu đề không đúng mẫu: xem các cột thiếu hoặc không nhận ra.",
    en: "The header row does not match the template: see the missing or unknown columns.",
  },
  IMPORT_RECORDS_CHANGED: {
    status: 409,
    vi: "Trong khi nhập, một số hồ sơ trong tệp đã bị người khác thay đổi: lần nhập đã được hoàn tác toàn bộ. Hãy kiểm tra các dòng báo lỗi rồi nhập lại.",
    en: "Some records of the file were changed by someone else during the import: it was undone entirely. Check the rows reported and import again.",
  },
  IMPORT_NO_ROWS: {
    status: 400,
    vi: "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.",
    en: "The file has a header row but no data rows.",
  },
  IMPORT_TOO_MANY_ROWS: {
    status: 413,
    vi: "Tệp có quá nhiều dòng cho một lần nhập.",
    en: "The file has too many rows for one import.",
  },
  IMPORT_SENSITIVE_COLUMNS: {
    status: 403,
    vi: "Tệp có cột thông tin nhạy cảm (số định danh, dân tộc, tôn giáo) mà bạn không có quyền ghi: hãy bỏ các cột này.",
    en: "The file has sensitive columns (ID number, ethnicity, religion) you may not write: remove them.",
  },
  IMPORT_BUSY: {
    status: 409,
    vi: "Đang có một lần nhập khác chạy. Hãy đợi nó xong rồi thử lại.",
    en: "Another import is running. Wait for it to finish and try again.",
  },
  IMPORT_JOB_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy lần nhập này (kết quả chỉ được giữ trong một giờ).",
    en: "Import not found (results are kept for one hour).",
  },
  IMPORT_NO_ERROR_FILE: {
    status: 404,
    vi: "Lần nhập này không có tệp lỗi.",
    en: "This import has no error file.",
  },
  IMPORT_UPLOAD_BROKEN: {
    status: 400,
    vi: "Tệp gửi lên bị gián đoạn hoặc sai định dạng: hãy gửi lại.",
    en: "The upload was cut short or malformed: send it again.",
  },
  IMPORT_NO_FILE: {
    status: 400,
    vi: "Chưa gửi tệp: hãy tải lên một tệp .xlsx hoặc .csv.",
    en: "No file sent: upload an .xlsx or .csv file.",
  },
});
