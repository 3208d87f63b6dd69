import { createHash } from "node:crypto";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { CV_MASKED_TEXT, type CvField, type CvItem, type CvModel, type CvTable } from "./cv.model.ts";

/**
 * The CV as one self-contained A4 HTML page (inline CSS, no external resource) that a browser prints
 * to PDF. Every text from the record is escaped; the only script is the print button, allowed by its
 * hash in the Content-Security-Policy the route sends (CV_HTML_CSP).
 */

/** What a blank of the form looks like when printed: dots to write on. */
export const BLANK_TEXT = "…………………";

const PRINT_SCRIPT = `document.getElementById("print").addEventListener("click",function(){window.print()});`;

/** No resource may load; inline styles and the one known script run. */
export const CV_HTML_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  `script-src 'sha256-${createHash("sha256").update(PRINT_SCRIPT).digest("base64")}'`,
  "img-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
].join("; ");

const CSS = `
@page { size: A4; margin: 20mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
html { background: #d9d9d9; }
body { margin: 0; color: #000; font-family: "Times New Roman", Times, "Liberation Serif", "Tinos", serif;
  font-size: 13pt; line-height: 1.4; }
.toolbar { position: sticky; top: 0; z-index: 1; display: flex; gap: 12px; justify-content: center; align-items: center;
  padding: 8px; background: #f5f5f5; border-bottom: 1px solid #bbb; font: 11pt system-ui, sans-serif; }
.toolbar button { font: inherit; padding: 4px 16px; cursor: pointer; }
.page { width: 210mm; min-height: 297mm; margin: 10mm auto; padding: 20mm; background: #fff;
  box-shadow: 0 1px 6px rgba(0,0,0,.35); }
.top { display: flex; justify-content: center; }
.motto { text-align: center; font-weight: bold; white-space: nowrap; }
.motto .line2 { display: inline-block; font-size: 14pt; padding-bottom: 1pt; border-bottom: 1px solid #000; }
.motto .line1 { font-size: 12.5pt; }
.head { display: flex; gap: 6mm; margin-top: 6mm; align-items: flex-start; }
.photo { flex: 0 0 40mm; width: 40mm; height: 60mm; border: 1px solid #000; display: flex; align-items: center;
  justify-content: center; text-align: center; font-size: 11pt; padding: 2mm; }
.agencies p { margin: 0 0 3pt; }
h1 { text-align: center; font-size: 14pt; font-weight: bold; margin: 8mm 0 0; }
.form-basis { text-align: center; font-style: italic; margin: 0 0 5mm; }
p { margin: 0 0 3pt; text-align: justify; }
.item-title { font-weight: bold; margin-top: 6pt; break-after: avoid; page-break-after: avoid; }
.caption { font-style: italic; margin-top: 3pt; break-after: avoid; page-break-after: avoid; }
.blank { color: #000; letter-spacing: 0; }
.masked { font-weight: bold; }
table.grid { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 2pt 0 6pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; font-size: 12pt;
  line-height: 1.3; overflow-wrap: anywhere; }
table.grid th { font-weight: bold; text-align: center; vertical-align: middle; font-size: 11.5pt; }
table.grid td.center { text-align: center; }
table.grid tr.empty td { height: 1.5em; }
table.grid td.masked-row { text-align: center; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.free-line { border-bottom: 1px dotted #000; height: 1.5em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.signatures { display: flex; justify-content: space-between; gap: 10mm; margin-top: 10mm; text-align: center;
  break-inside: avoid; page-break-inside: avoid; }
.signatures > div { flex: 1; }
.signatures p { text-align: center; }
.signatures .title { font-weight: bold; }
.signatures .hint { font-style: italic; font-size: 12pt; }
.signatures .name { margin-top: 22mm; font-weight: bold; }
.note { margin-top: 8mm; font-size: 11pt; font-style: italic; }
@media print {
  html { background: #fff; }
  .toolbar { display: none !important; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
`;

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );
}

function valueHtml(field: CvField): string {
  if (field.state === "masked") return `<span class="masked">${CV_MASKED_TEXT}</span>`;
  if (field.state === "blank") return `<span class="blank">${BLANK_TEXT}</span>`;
  return escapeHtml(field.value);
}

function fieldHtml(field: CvField): string {
  return `${escapeHtml(field.label)}: ${valueHtml(field)}`;
}

function tableHtml(table: CvTable): string {
  const caption = table.caption ? `<p class="caption">${escapeHtml(table.caption)}</p>` : "";
  const cols = table.columns.map((c) => `<col style="width:${c.width}%">`).join("");
  const head = table.columns.map((c) => `<th>${escapeHtml(c.title)}</th>`).join("");
  let body: string;
  if (table.state === "masked") {
    body = `<tr><td class="masked-row" colspan="${table.columns.length}"><span class="masked">${CV_MASKED_TEXT}</span></td></tr>`;
  } else {
    body = table.rows
      .map(
        (row) =>
          `<tr>${row
            .map((cell, i) => {
              const cls = table.columns[i]?.align === "center" ? ' class="center"' : "";
              return `<td${cls}>${escapeHtml(cell)}</td>`;
            })
            .join("")}</tr>`,
      )
      .join("");
    body += `<tr class="empty">${table.columns.map(() => "<td></td>").join("")}</tr>`.repeat(table.blankRows);
  }
  return `${caption}<table class="grid"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** Tables this short are kept on one page with their caption (and the item's heading). */
const KEEP_ROWS = 8;

function itemHtml(item: CvItem): string {
  const isBlock = item.tables.length > 0 || item.freeLines > 0;
  if (!isBlock) {
    const lead = item.lead ? `${escapeHtml(item.lead)}: ` : "";
    return `<p class="item" data-item="${item.no}">${item.no}) ${lead}${item.fields.map(fieldHtml).join("; ")}</p>`;
  }
  // The heading travels with the first table (or the ruled lines) so that it never ends a page alone.
  const title = `<p class="item-title" data-item="${item.no}">${escapeHtml(item.label)}</p>`;
  const parts: string[] = [];
  item.tables.forEach((table, i) => {
    const keep = table.rows.length + table.blankRows <= KEEP_ROWS ? " keep" : "";
    parts.push(`<div class="table-block${keep}">${i === 0 ? title : ""}${tableHtml(table)}</div>`);
  });
  for (const field of item.fields) parts.push(`<p>${fieldHtml(field)}</p>`);
  if (item.freeLines > 0) {
    const lines = '<div class="free-line"></div>'.repeat(item.freeLines);
    parts.push(`<div class="keep">${item.tables.length ? "" : title}${lines}</div>`);
  }
  return `<section>${parts.join("")}</section>`;
}

/** The whole page. */
export function renderCvHtml(model: CvModel): string {
  const h = model.header;
  const name = model.items[0]?.fields[0]?.value ?? "";
  const s = model.signatures;
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sơ yếu lý lịch — ${escapeHtml(name)}</title>
<style>${CSS}</style>
</head>
<body>
<div class="toolbar"><span>Sơ yếu lý lịch, số liệu tính đến ngày ${formatDmy(model.asOf)}</span><button id="print" type="button">In / Lưu PDF</button></div>
<main class="page">
<div class="top">
<div class="motto"><span class="line1">${escapeHtml(h.motto[0])}</span><br><span class="line2">${escapeHtml(h.motto[1])}</span></div>
</div>
<div class="head">
<div class="photo">${escapeHtml(h.photoCaption)}</div>
<div class="agencies">
<p>${fieldHtml(h.managingAgency)}</p>
<p>${fieldHtml(h.employingAgency)}</p>
<p>${fieldHtml(h.staffCode)}</p>
<p>${fieldHtml(h.idNumber)}</p>
</div>
</div>
<h1>${escapeHtml(h.title)}</h1>
<p class="form-basis">${escapeHtml(h.formBasis)}</p>
${model.items.map(itemHtml).join("\n")}
<div class="signatures">
<div><p class="hint">&nbsp;</p><p class="title">${escapeHtml(s.declarant.title)}</p>${s.declarant.lines.map((l) => `<p class="hint">${escapeHtml(l)}</p>`).join("")}<p class="name">${escapeHtml(s.declarant.name)}</p></div>
<div><p class="hint">${escapeHtml(s.agency.date)}</p><p class="title">${escapeHtml(s.agency.title)}</p>${s.agency.lines.map((l) => `<p class="hint">${escapeHtml(l)}</p>`).join("")}</div>
</div>
${model.maskedNote ? `<p class="note">${escapeHtml(model.maskedNote)}</p>` : ""}
</main>
<script>${PRINT_SCRIPT}</script>
</body>
</html>`;
}
