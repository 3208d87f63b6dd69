import type { FormInstance } from "antd";
import { Tag, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type {
  AssignmentRow,
  CadreDetail,
  FamilyRow,
  HistoryKind,
  HistoryRow,
  QualificationRow,
  RewardRow,
  SalaryRow,
  TierRow,
  TrainingRow,
  WorkHistoryRow,
} from "../../../../../common/contracts/cadres.ts";
import { CATEGORY_CODE_LIST, QUALIFICATION_CATEGORIES } from "../../../../../common/enums/cadres.ts";
import { formatDmy } from "../../../../../common/rules/dates.ts";
import { lastDayOf } from "../../../../../common/rules/periods.ts";
import type { Language } from "../../../../app/i18n/i18n.ts";
import { postBody, postValue } from "../../utils/assignment-post.ts";
import { type CodeLists, localName } from "../../utils/code-names.ts";
import { endOrNull, isoOrNull, lastDayPickerOf, pickerOf, textOrNull } from "../../utils/form-values.ts";
import { TierName } from "../TierName.tsx";
import { AssignmentFields } from "./AssignmentFields.tsx";
import { FamilyFields } from "./FamilyFields.tsx";
import { QualificationFields } from "./QualificationFields.tsx";
import { RewardFields } from "./RewardFields.tsx";
import { SalaryFields } from "./SalaryFields.tsx";
import { TierFields } from "./TierFields.tsx";
import { TrainingFields } from "./TrainingFields.tsx";
import { WorkHistoryFields } from "./WorkHistoryFields.tsx";

type FormValues = Record<string, unknown>;

export type FieldsProps = { form: FormInstance; row?: { id: number } & Record<string, unknown> };

/** How one kind of history row is shown in a table and edited in a form. */
export type KindConfig<Row extends { id: number }> = {
  rowsOf: (cadre: CadreDetail) => Row[];
  /** Rows run over a period and can be ended on a date. */
  isDated: boolean;
  /** Has an audit reason field (rewards use `reason` for what the reward was for). */
  hasReason: boolean;
  /** `codes`: the code lists, for the English names of the levels and grades the server names in Vietnamese. */
  columns: (t: TFunction, language: Language, codes?: CodeLists) => ColumnsType<Row>;
  Fields: (props: FieldsProps) => ReactNode;
  /** Field names of the form, for placing the server's field errors. */
  fieldNames: readonly string[];
  /** Server field → form field, where they differ. */
  fieldAliases?: Readonly<Record<string, string>>;
  /** Values of a new row's form. */
  blank: (cadre: CadreDetail, today: string) => FormValues;
  toForm: (row: Row) => FormValues;
  /** The API body from the form's values (without the audit reason). */
  fromForm: (values: FormValues) => FormValues;
  /** One line saying which row it is (titles of the end and delete forms). */
  describe: (row: Row, t: TFunction) => string;
  /** Start of the row's period (an end date must come after it). */
  startOf?: (row: Row) => string;
  /** Tables per group (qualifications by category). */
  groups?: { key: string; label: (t: TFunction) => string; test: (row: Row) => boolean; blank: FormValues }[];
};

const muted = (text: ReactNode) => <Typography.Text type="secondary">{text}</Typography.Text>;
const dateCell = (iso: string | null) => (iso ? formatDmy(iso) : muted("—"));
const textCell = (text: string | null) => text ?? muted("—");
/** The stored end is the first day no longer held; users read the last day held (DOMAIN §9). */
const toCell = (t: TFunction) => (validTo: string | null) =>
  validTo ? formatDmy(lastDayOf(validTo)) : <Tag color="green">{t("history.current")}</Tag>;

function periodColumns<Row extends { validFrom: string; validTo: string | null }>(
  t: TFunction,
): ColumnsType<Row> {
  return [
    { title: t("history.validFrom"), dataIndex: "validFrom", width: 110, render: dateCell },
    { title: t("history.validTo"), dataIndex: "validTo", width: 110, render: toCell(t) },
  ];
}

const assignments: KindConfig<AssignmentRow> = {
  describe: (r) => `${r.titleName}, ${r.unitName}`,
  rowsOf: (c) => c.assignments,
  isDated: true,
  hasReason: true,
  columns: (t) => [
    ...periodColumns<AssignmentRow>(t),
    { title: t("history.unit"), dataIndex: "unitName" },
    {
      title: t("history.post"),
      dataIndex: "titleName",
      render: (name: string, row) => (
        <>
          {name} {row.isLeadership && <Tag color="gold">{t("history.leadership")}</Tag>}
        </>
      ),
    },
    {
      title: t("history.mainOrConcurrent"),
      dataIndex: "isMain",
      width: 110,
      render: (isMain: boolean) =>
        isMain ? <Tag color="blue">{t("history.main")}</Tag> : <Tag>{t("history.concurrent")}</Tag>,
    },
    { title: t("history.appointedOn"), dataIndex: "appointedOn", width: 120, render: dateCell },
    { title: t("history.decisionRef"), dataIndex: "decisionRef", width: 130, render: textCell },
  ],
  Fields: AssignmentFields,
  fieldNames: [
    "validFrom",
    "validTo",
    "unitId",
    "post",
    "isMain",
    "appointedOn",
    "decisionRef",
    "note",
    "auditReason",
  ],
  fieldAliases: { seatId: "post", titleId: "post", reason: "auditReason" },
  blank: (_, today) => ({ validFrom: pickerOf(today), isMain: true }),
  toForm: (r) => ({
    validFrom: pickerOf(r.validFrom),
    validTo: lastDayPickerOf(r.validTo),
    unitId: r.unitId,
    post: postValue(r),
    isMain: r.isMain,
    appointedOn: pickerOf(r.appointedOn),
    decisionRef: r.decisionRef ?? undefined,
    note: r.note ?? undefined,
  }),
  fromForm: (v) => {
    return {
      ...postBody(v.post, v.unitId as number),
      isMain: Boolean(v.isMain),
      validFrom: isoOrNull(v.validFrom as never),
      validTo: endOrNull(v.validTo as never),
      appointedOn: isoOrNull(v.appointedOn as never),
      decisionRef: textOrNull(v.decisionRef),
      note: textOrNull(v.note),
    };
  },
  startOf: (r) => r.validFrom,
};

const tiers: KindConfig<TierRow> = {
  describe: (r, t) => t(`tier.${r.tier}`),
  rowsOf: (c) => c.tiers,
  isDated: true,
  hasReason: true,
  columns: (t) => [
    ...periodColumns<TierRow>(t),
    {
      title: t("history.tier"),
      dataIndex: "tier",
      render: (tier: TierRow["tier"]) => <TierName tier={tier} />,
    },
    { title: t("history.decisionRef"), dataIndex: "decisionRef", render: textCell },
  ],
  Fields: TierFields,
  fieldNames: ["tier", "validFrom", "validTo", "decisionRef", "auditReason"],
  fieldAliases: { reason: "auditReason" },
  blank: (_, today) => ({ validFrom: pickerOf(today) }),
  toForm: (r) => ({
    tier: r.tier,
    validFrom: pickerOf(r.validFrom),
    validTo: lastDayPickerOf(r.validTo),
    decisionRef: r.decisionRef ?? undefined,
  }),
  fromForm: (v) => ({
    tier: v.tier,
    validFrom: isoOrNull(v.validFrom as never),
    validTo: endOrNull(v.validTo as never),
    decisionRef: textOrNull(v.decisionRef),
  }),
  startOf: (r) => r.validFrom,
};

const qualifications: KindConfig<QualificationRow> = {
  describe: (r, t) => `${t(`qualificationCategory.${r.category}`)}: ${r.levelName}`,
  rowsOf: (c) => c.qualifications,
  isDated: false,
  hasReason: true,
  columns: (t, language, codes) => [
    {
      title: t("history.level"),
      dataIndex: "levelName",
      width: 200,
      render: (name: string, r) =>
        localName(codes, CATEGORY_CODE_LIST[r.category], { code: r.levelCode, name }, language),
    },
    { title: t("history.major"), dataIndex: "major", render: textCell },
    { title: t("history.institution"), dataIndex: "institution", render: textCell },
    { title: t("history.studyMode"), dataIndex: "studyMode", width: 120, render: textCell },
    { title: t("history.obtainedOn"), dataIndex: "obtainedOn", width: 120, render: dateCell },
  ],
  Fields: QualificationFields,
  fieldNames: [
    "category",
    "levelCode",
    "major",
    "institution",
    "studyMode",
    "startedOn",
    "obtainedOn",
    "note",
    "auditReason",
  ],
  fieldAliases: { reason: "auditReason" },
  blank: () => ({}),
  toForm: (r) => ({
    category: r.category,
    levelCode: r.levelCode,
    major: r.major ?? undefined,
    institution: r.institution ?? undefined,
    studyMode: r.studyMode ?? undefined,
    startedOn: pickerOf(r.startedOn),
    obtainedOn: pickerOf(r.obtainedOn),
    note: r.note ?? undefined,
  }),
  fromForm: (v) => ({
    category: v.category,
    levelCode: v.levelCode,
    major: textOrNull(v.major),
    institution: textOrNull(v.institution),
    studyMode: textOrNull(v.studyMode),
    startedOn: isoOrNull(v.startedOn as never),
    obtainedOn: isoOrNull(v.obtainedOn as never),
    note: textOrNull(v.note),
  }),
  groups: QUALIFICATION_CATEGORIES.map((category) => ({
    key: category,
    label: (t: TFunction) => t(`qualificationCategory.${category}`),
    test: (row: QualificationRow) => row.category === category,
    blank: { category },
  })),
};

const trainings: KindConfig<TrainingRow> = {
  describe: (r, t) => `${t(`trainingKind.${r.kind}`)}: ${r.course}`,
  rowsOf: (c) => c.trainings,
  // Completed, not ended: an unfinished course gets its completion date by a correction.
  isDated: false,
  hasReason: true,
  columns: (t) => [
    {
      title: t("history.trainingKind"),
      dataIndex: "kind",
      width: 190,
      render: (kind: TrainingRow["kind"]) => t(`trainingKind.${kind}`),
    },
    { title: t("history.course"), dataIndex: "course" },
    { title: t("history.organiser"), dataIndex: "organiser", render: textCell },
    { title: t("history.courseStartedOn"), dataIndex: "startedOn", width: 120, render: dateCell },
    {
      title: t("history.completedOn"),
      dataIndex: "completedOn",
      width: 130,
      render: (iso: string | null) =>
        iso ? formatDmy(iso) : <Tag color="orange">{t("history.notCompleted")}</Tag>,
    },
  ],
  Fields: TrainingFields,
  fieldNames: ["kind", "course", "organiser", "startedOn", "completedOn", "note", "auditReason"],
  fieldAliases: { reason: "auditReason" },
  blank: () => ({}),
  toForm: (r) => ({
    kind: r.kind,
    course: r.course,
    organiser: r.organiser ?? undefined,
    startedOn: pickerOf(r.startedOn),
    completedOn: pickerOf(r.completedOn),
    note: r.note ?? undefined,
  }),
  fromForm: (v) => ({
    kind: v.kind,
    course: textOrNull(v.course),
    organiser: textOrNull(v.organiser),
    startedOn: isoOrNull(v.startedOn as never),
    completedOn: isoOrNull(v.completedOn as never),
    note: textOrNull(v.note),
  }),
};

const salaries: KindConfig<SalaryRow> = {
  describe: (r, t) => `${r.gradeCode} – ${r.gradeName}, ${t("history.step")} ${r.step}`,
  rowsOf: (c) => c.salaries,
  isDated: true,
  hasReason: true,
  columns: (t, language, codes) => [
    ...periodColumns<SalaryRow>(t),
    {
      title: t("history.grade"),
      dataIndex: "gradeName",
      render: (name: string, row) =>
        `${row.gradeCode} – ${localName(codes, "civil_service_grade", { code: row.gradeCode, name }, language)}`,
    },
    { title: t("history.step"), dataIndex: "step", width: 70, align: "right" },
    {
      title: t("history.coefficient"),
      dataIndex: "coefficient",
      width: 90,
      align: "right",
      render: (c: number | null) =>
        c === null
          ? muted("—")
          : c.toLocaleString(language === "vi" ? "vi-VN" : "en-GB", {
              minimumFractionDigits: 2,
              maximumFractionDigits: 2,
            }),
    },
  ],
  Fields: ({ row }) => <SalaryFields keepGrade={row?.gradeCode as string | undefined} />,
  fieldNames: ["gradeCode", "step", "coefficient", "validFrom", "validTo", "auditReason"],
  fieldAliases: { reason: "auditReason" },
  blank: (c) => {
    const last = c.salaries.find((s) => s.validTo === null);
    return last ? { gradeCode: last.gradeCode, step: last.step + 1 } : {};
  },
  toForm: (r) => ({
    gradeCode: r.gradeCode,
    step: r.step,
    coefficient: r.coefficient ?? undefined,
    validFrom: pickerOf(r.validFrom),
    validTo: lastDayPickerOf(r.validTo),
  }),
  fromForm: (v) => ({
    gradeCode: v.gradeCode,
    step: v.step,
    coefficient: typeof v.coefficient === "number" ? v.coefficient : null,
    validFrom: isoOrNull(v.validFrom as never),
    validTo: endOrNull(v.validTo as never),
  }),
  startOf: (r) => r.validFrom,
};

const rewards: KindConfig<RewardRow> = {
  describe: (r) => r.form,
  rowsOf: (c) => c.rewards,
  isDated: false,
  hasReason: false,
  columns: (t) => [
    { title: t("history.decidedOn"), dataIndex: "decidedOn", width: 120, render: dateCell },
    { title: t("history.rewardForm"), dataIndex: "form" },
    { title: t("history.issuer"), dataIndex: "issuer", render: textCell },
    { title: t("history.decisionRef"), dataIndex: "decisionRef", width: 130, render: textCell },
    { title: t("history.rewardReason"), dataIndex: "reason", render: textCell },
  ],
  Fields: RewardFields,
  fieldNames: ["form", "decidedOn", "decisionRef", "issuer", "reason"],
  blank: () => ({}),
  toForm: (r) => ({
    form: r.form,
    decidedOn: pickerOf(r.decidedOn),
    decisionRef: r.decisionRef ?? undefined,
    issuer: r.issuer ?? undefined,
    reason: r.reason ?? undefined,
  }),
  fromForm: (v) => ({
    form: textOrNull(v.form),
    decidedOn: isoOrNull(v.decidedOn as never),
    decisionRef: textOrNull(v.decisionRef),
    issuer: textOrNull(v.issuer),
    reason: textOrNull(v.reason),
  }),
};

const family: KindConfig<FamilyRow> = {
  describe: (r) => `${r.relation}: ${r.fullName}`,
  rowsOf: (c) => c.family ?? [],
  isDated: false,
  hasReason: true,
  columns: (t) => [
    {
      title: t("history.side"),
      dataIndex: "side",
      width: 170,
      render: (s: FamilyRow["side"]) => t(`familySide.${s}`),
    },
    { title: t("history.relation"), dataIndex: "relation", width: 110 },
    { title: t("history.familyName"), dataIndex: "fullName", width: 200 },
    {
      title: t("history.birthYear"),
      dataIndex: "birthYear",
      width: 90,
      render: (y: number | null) => y ?? muted("—"),
    },
    { title: t("history.details"), dataIndex: "details", render: textCell },
  ],
  Fields: FamilyFields,
  fieldNames: ["side", "relation", "fullName", "birthYear", "details", "auditReason"],
  fieldAliases: { reason: "auditReason" },
  blank: () => ({ side: "own" }),
  toForm: (r) => ({
    side: r.side,
    relation: r.relation,
    fullName: r.fullName,
    birthYear: r.birthYear ?? undefined,
    details: r.details ?? undefined,
  }),
  fromForm: (v) => ({
    side: v.side,
    relation: textOrNull(v.relation),
    fullName: textOrNull(v.fullName),
    birthYear: typeof v.birthYear === "number" ? v.birthYear : null,
    details: textOrNull(v.details),
  }),
};

const workHistory: KindConfig<WorkHistoryRow> = {
  describe: (r) => r.unitText,
  rowsOf: (c) => c.workHistory,
  isDated: true,
  hasReason: true,
  columns: (t) => [
    ...periodColumns<WorkHistoryRow>(t),
    { title: t("history.unitText"), dataIndex: "unitText" },
    { title: t("history.titleText"), dataIndex: "titleText", render: textCell },
    { title: t("history.description"), dataIndex: "description", render: textCell },
  ],
  Fields: WorkHistoryFields,
  fieldNames: ["validFrom", "validTo", "unitText", "titleText", "description", "auditReason"],
  fieldAliases: { reason: "auditReason" },
  blank: () => ({}),
  toForm: (r) => ({
    validFrom: pickerOf(r.validFrom),
    validTo: lastDayPickerOf(r.validTo),
    unitText: r.unitText,
    titleText: r.titleText ?? undefined,
    description: r.description ?? undefined,
  }),
  fromForm: (v) => ({
    validFrom: isoOrNull(v.validFrom as never),
    validTo: endOrNull(v.validTo as never),
    unitText: textOrNull(v.unitText),
    titleText: textOrNull(v.titleText),
    description: textOrNull(v.description),
  }),
  startOf: (r) => r.validFrom,
};

export const HISTORY_CONFIG: { [K in HistoryKind]: KindConfig<HistoryRow<K>> } = {
  assignments,
  tiers,
  qualifications,
  trainings,
  salaries,
  rewards,
  family,
  "work-history": workHistory,
};
