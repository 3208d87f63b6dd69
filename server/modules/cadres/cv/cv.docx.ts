import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LeaderType,
  Packer,
  PageNumber,
  Paragraph,
  Tab,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from "docx";
import { BLANK_TEXT } from "./cv.html.ts";
import { CV_MASKED_TEXT, type CvField, type CvItem, type CvModel, type CvTable } from "./cv.model.ts";

/**
 * The CV as a Word file laid out like the paper form: A4, 2 cm margins, Times New Roman 13 pt, the
 * national motto, the photo box, bordered tables whose header rows repeat on each page. Built in memory.
 */

const CM = 567; // twips per centimetre
const PAGE = { width: 11906, height: 16838, margin: 2 * CM };
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const FONT = "Times New Roman";
const SIZE = 26; // half-points: 13 pt
const TABLE_SIZE = 24; // 12 pt in table cells

const LINE = { style: BorderStyle.SINGLE, size: 4, color: "000000" } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: "FFFFFF" } as const;
const ALL_LINES = {
  top: LINE,
  bottom: LINE,
  left: LINE,
  right: LINE,
  insideHorizontal: LINE,
  insideVertical: LINE,
};
const NO_LINES = {
  top: NONE,
  bottom: NONE,
  left: NONE,
  right: NONE,
  insideHorizontal: NONE,
  insideVertical: NONE,
};

function runsOf(field: CvField): TextRun[] {
  const value =
    field.state === "masked"
      ? new TextRun({ text: CV_MASKED_TEXT, bold: true })
      : new TextRun(field.state === "blank" ? BLANK_TEXT : field.value);
  return [new TextRun(`${field.label}: `), value];
}

function para(
  children: TextRun[],
  options: { align?: "left" | "center" | "justify"; after?: number; keepNext?: boolean } = {},
): Paragraph {
  const alignment =
    options.align === "center"
      ? AlignmentType.CENTER
      : options.align === "left"
        ? AlignmentType.LEFT
        : AlignmentType.JUSTIFIED;
  return new Paragraph({
    children,
    alignment,
    spacing: { after: options.after ?? 80 },
    keepNext: options.keepNext ?? false,
  });
}

function cellText(
  text: string,
  options: { bold?: boolean; center?: boolean; size?: number } = {},
): Paragraph {
  return new Paragraph({
    children: [new TextRun({ text, bold: options.bold ?? false, size: options.size ?? TABLE_SIZE })],
    alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT,
    spacing: { after: 0 },
  });
}

function gridTable(table: CvTable): Table {
  const widths = table.columns.map((c) => Math.round((c.width / 100) * CONTENT_WIDTH));
  const margins = { top: 30, bottom: 30, left: 80, right: 80 };
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: table.columns.map(
      (c, i) =>
        new TableCell({
          width: { size: widths[i]!, type: WidthType.DXA },
          verticalAlign: VerticalAlignTable.CENTER,
          margins,
          children: [cellText(c.title, { bold: true, center: true, size: 23 })],
        }),
    ),
  });
  const rows: TableRow[] = [header];
  if (table.state === "masked") {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          new TableCell({
            columnSpan: table.columns.length,
            margins,
            children: [cellText(CV_MASKED_TEXT, { bold: true, center: true })],
          }),
        ],
      }),
    );
  } else {
    for (const row of table.rows) {
      rows.push(
        new TableRow({
          cantSplit: true,
          children: row.map(
            (text, i) =>
              new TableCell({
                width: { size: widths[i]!, type: WidthType.DXA },
                margins,
                children: [cellText(text, { center: table.columns[i]?.align === "center" })],
              }),
          ),
        }),
      );
    }
    for (let r = 0; r < table.blankRows; r++) {
      rows.push(
        new TableRow({
          cantSplit: true,
          height: { value: 400, rule: HeightRule.ATLEAST },
          children: widths.map(
            (w) =>
              new TableCell({ width: { size: w, type: WidthType.DXA }, margins, children: [cellText("")] }),
          ),
        }),
      );
    }
  }
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: ALL_LINES,
    rows,
  });
}

/** A dotted line across the page to write on (a right tab with a dot leader, as Word forms do). */
function freeLine(keepNext: boolean): Paragraph {
  return new Paragraph({
    children: [new TextRun({ children: [new Tab()] })],
    tabStops: [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH, leader: LeaderType.DOT }],
    spacing: { before: 80, after: 0 },
    keepNext,
  });
}

function itemBlocks(item: CvItem): (Paragraph | Table)[] {
  const isBlock = item.tables.length > 0 || item.freeLines > 0;
  if (!isBlock) {
    const runs: TextRun[] = [new TextRun(`${item.no}) `)];
    if (item.lead) runs.push(new TextRun(`${item.lead}: `));
    item.fields.forEach((f, i) => {
      if (i > 0) runs.push(new TextRun("; "));
      runs.push(...runsOf(f));
    });
    return [para(runs)];
  }
  const blocks: (Paragraph | Table)[] = [
    new Paragraph({
      children: [new TextRun({ text: item.label, bold: true })],
      spacing: { before: 120, after: 60 },
      keepNext: true,
    }),
  ];
  for (const table of item.tables) {
    if (table.caption) {
      blocks.push(
        new Paragraph({
          children: [new TextRun({ text: table.caption, italics: true })],
          spacing: { before: 60, after: 40 },
          keepNext: true,
        }),
      );
    }
    blocks.push(gridTable(table));
  }
  for (const field of item.fields) blocks.push(para(runsOf(field), { align: "left" }));
  for (let i = 0; i < item.freeLines; i++) blocks.push(freeLine(i < item.freeLines - 1));
  return blocks;
}

/** A table without borders, for the header and the signatures (side-by-side blocks). */
function layoutTable(columns: { width: number; children: Paragraph[] }[], cantSplit = false): Table {
  return new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    borders: NO_LINES,
    rows: [
      new TableRow({
        cantSplit,
        children: columns.map(
          (c) =>
            new TableCell({
              width: { size: c.width, type: WidthType.DXA },
              borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
              children: c.children,
            }),
        ),
      }),
    ],
  });
}

function headerBlocks(model: CvModel): (Paragraph | Table)[] {
  const h = model.header;
  const top = [
    para([new TextRun({ text: h.motto[0], bold: true, size: 25 })], { align: "center", after: 0 }),
    para([new TextRun({ text: h.motto[1], bold: true, size: 28, underline: {} })], {
      align: "center",
      after: 0,
    }),
  ];
  const photoWidth = 4 * CM;
  const photo = new TableCell({
    width: { size: photoWidth, type: WidthType.DXA },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE },
    verticalAlign: VerticalAlignTable.CENTER,
    children: [cellText(h.photoCaption, { center: true, size: 22 })],
  });
  const gap = new TableCell({
    width: { size: CM / 2, type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    children: [cellText("")],
  });
  const agenciesWidth = CONTENT_WIDTH - photoWidth - CM / 2;
  const agencies = new TableCell({
    width: { size: agenciesWidth, type: WidthType.DXA },
    borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
    children: [h.managingAgency, h.employingAgency, h.staffCode, h.idNumber].map((f) =>
      para(runsOf(f), { align: "left" }),
    ),
  });
  const head = new Table({
    width: { size: CONTENT_WIDTH, type: WidthType.DXA },
    columnWidths: [photoWidth, CM / 2, agenciesWidth],
    layout: TableLayoutType.FIXED,
    borders: NO_LINES,
    rows: [
      new TableRow({ height: { value: 6 * CM, rule: HeightRule.EXACT }, children: [photo, gap, agencies] }),
    ],
  });
  return [
    ...top,
    new Paragraph({ children: [], spacing: { after: 200 } }),
    head,
    new Paragraph({
      children: [new TextRun({ text: h.title, bold: true, size: 28 })],
      alignment: AlignmentType.CENTER,
      spacing: { before: 300, after: 0 },
    }),
    new Paragraph({
      children: [new TextRun({ text: h.formBasis, italics: true, size: 24 })],
      alignment: AlignmentType.CENTER,
      spacing: { after: 240 },
    }),
  ];
}

function signatureBlocks(model: CvModel): (Paragraph | Table)[] {
  const s = model.signatures;
  const half = Math.round(CONTENT_WIDTH / 2);
  const italic = (text: string) =>
    para([new TextRun({ text, italics: true, size: 24 })], { align: "center", after: 0 });
  const bold = (text: string) => para([new TextRun({ text, bold: true })], { align: "center", after: 0 });
  return [
    new Paragraph({ children: [], spacing: { after: 240 } }),
    layoutTable(
      [
        {
          width: half,
          children: [
            italic(""),
            bold(s.declarant.title),
            ...s.declarant.lines.map(italic),
            new Paragraph({ children: [], spacing: { before: 1200 } }),
            bold(s.declarant.name),
          ],
        },
        {
          width: CONTENT_WIDTH - half,
          children: [italic(s.agency.date), bold(s.agency.title), ...s.agency.lines.map(italic)],
        },
      ],
      true,
    ),
    ...(model.maskedNote
      ? [
          new Paragraph({
            children: [new TextRun({ text: model.maskedNote, italics: true, size: 22 })],
            spacing: { before: 360 },
          }),
        ]
      : []),
  ];
}

/** The .docx file of a CV, as bytes. */
export async function renderCvDocx(model: CvModel): Promise<Buffer> {
  const name = model.items[0]?.fields[0]?.value ?? "";
  const doc = new Document({
    title: `Sơ yếu lý lịch ${name}`.trim(),
    creator: "canbo",
    styles: {
      default: {
        document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { line: 300 } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: [PageNumber.CURRENT], size: 20 })],
              }),
            ],
          }),
        },
        children: [...headerBlocks(model), ...model.items.flatMap(itemBlocks), ...signatureBlocks(model)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
