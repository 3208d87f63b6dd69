import { LockOutlined } from "@ant-design/icons";
import { Descriptions, Space, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail } from "../../../../common/contracts/cadres.ts";
import type { CodeListName } from "../../../../common/enums/cadres.ts";
import { formatBirthDate } from "../../../../common/rules/birth-date.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import type { Messages } from "../../../app/i18n/vi.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCodes } from "../hooks/use-cadre-queries.ts";
import { codeName, localName } from "../utils/code-names.ts";

type Item = { key: string; label: string; children: ReactNode; span?: number };

/**
 * Thông tin chung: the identity and items 1–22 of the standard CV (Circular 06/2023/TT-BNV), numbered as
 * on the form. Sensitive fields the user may not see say so instead of looking empty.
 */
export function GeneralInfoTab({ cadre }: { cadre: CadreDetail }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  const masked = new Set<string>(cadre.masked);
  const withheld = new Set<string>(cadre.withheld);
  const facts = cadre.computed;

  const none = <Typography.Text type="secondary">—</Typography.Text>;
  const hidden = (
    <Typography.Text type="secondary" italic data-testid="cadre-masked">
      <LockOutlined /> {t("cadre.masked")}
    </Typography.Text>
  );
  const notShown = (
    <Typography.Text type="secondary" italic data-testid="cadre-withheld">
      <LockOutlined /> {t("cadre.withheld")}
    </Typography.Text>
  );
  const value = (field: string, shown: ReactNode) => {
    if (masked.has(field)) return hidden;
    if (withheld.has(field)) return notShown;
    return shown === null || shown === undefined || shown === "" ? none : shown;
  };
  const date = (iso: string | null) => (iso ? formatDmy(iso) : null);
  const qualification = (list: CodeListName, q: CadreDetail["computed"]["highestQualification"]) =>
    q
      ? `${localName(codes.data, list, q, language)} (${t("cadre.obtainedOn", { date: formatDmy(q.obtainedOn) })})`
      : null;
  const label = (n: number, field: keyof Messages["cadre"]["field"]) => `${n}. ${t(`cadre.field.${field}`)}`;

  const sections: { title: string; items: Item[] }[] = [
    {
      title: t("cadre.section.identity"),
      items: [
        { key: "staffCode", label: t("cadre.field.staffCode"), children: cadre.staffCode },
        { key: "idNumber", label: label(8, "idNumber"), children: value("idNumber", cadre.idNumber) },
        {
          key: "fullName",
          label: label(1, "fullName"),
          children: `${cadre.fullName} (${t(`sex.${cadre.sex}`)})`,
        },
        { key: "otherNames", label: label(2, "otherNames"), children: value("otherNames", cadre.otherNames) },
        {
          key: "birthDate",
          label: label(3, "birthDate"),
          children: formatBirthDate(cadre.birthDate, cadre.birthDatePrecision),
        },
        { key: "staffType", label: t("cadre.field.staffType"), children: t(`staffType.${cadre.staffType}`) },
      ],
    },
    {
      title: t("cadre.section.origin"),
      items: [
        {
          key: "birthplace",
          label: label(4, "birthplaceText"),
          children: value("birthplace", cadre.birthplaceText),
        },
        { key: "homeTown", label: label(5, "homeTownText"), children: value("homeTown", cadre.homeTownText) },
        {
          key: "ethnicity",
          label: label(6, "ethnicityCode"),
          children: value("ethnicityCode", codeName(codes.data, "ethnicity", cadre.ethnicityCode, language)),
        },
        {
          key: "religion",
          label: label(7, "religionCode"),
          children: value("religionCode", codeName(codes.data, "religion", cadre.religionCode, language)),
        },
        { key: "phone", label: label(8, "phone"), children: value("phone", cadre.phone) },
        { key: "email", label: t("cadre.field.email"), children: value("email", cadre.email) },
        {
          key: "residence",
          label: label(10, "residence"),
          children: value("residence", cadre.residence),
          span: 2,
        },
      ],
    },
    {
      title: t("cadre.section.career"),
      items: [
        {
          key: "occupation",
          label: label(12, "occupationBeforeRecruitment"),
          children: value("occupation", cadre.occupationBeforeRecruitment),
          span: 2,
        },
        {
          key: "recruitmentDate",
          label: label(13, "recruitmentDate"),
          children: value("recruitmentDate", date(cadre.recruitmentDate)),
        },
        {
          key: "recruitmentAgency",
          label: t("cadre.field.recruitmentAgency"),
          children: value("recruitmentAgency", cadre.recruitmentAgency),
        },
        {
          key: "joinedAgencyDate",
          label: label(14, "joinedAgencyDate"),
          children: value("joinedAgencyDate", date(cadre.joinedAgencyDate)),
          span: 2,
        },
        {
          key: "partyAdmissionDate",
          label: label(15, "partyAdmissionDate"),
          children: value("partyAdmissionDate", date(cadre.partyAdmissionDate)),
        },
        {
          key: "partyOfficialDate",
          label: t("cadre.field.partyOfficialDate"),
          children: value("partyOfficialDate", date(cadre.partyOfficialDate)),
        },
      ],
    },
    {
      title: t("cadre.section.education"),
      items: [
        {
          key: "generalEducation",
          label: label(19, "generalEducation"),
          children: value("generalEducation", cadre.generalEducation),
          span: 2,
        },
        {
          key: "highestQualification",
          label: label(20, "highestQualification"),
          children: value("highestQualification", qualification("professional", facts.highestQualification)),
          span: 2,
        },
        {
          key: "politicalTheory",
          label: t("cadre.field.politicalTheory"),
          children: value("politicalTheory", qualification("political_theory", facts.politicalTheory)),
        },
        {
          key: "stateManagement",
          label: t("cadre.field.stateManagement"),
          children: value("stateManagement", qualification("state_management", facts.stateManagement)),
        },
        {
          key: "academicTitle",
          label: label(21, "academicTitleCode"),
          children: value(
            "academicTitle",
            cadre.academicTitleCode
              ? [
                  codeName(codes.data, "academic_title", cadre.academicTitleCode, language),
                  cadre.academicTitleYear,
                ]
                  .filter(Boolean)
                  .join(", ")
              : null,
          ),
        },
        {
          key: "honoraryTitle",
          label: label(22, "honoraryTitle"),
          children: value("honoraryTitle", cadre.honoraryTitle),
        },
      ],
    },
    {
      title: t("cadre.section.other"),
      items: [
        {
          key: "strengths",
          label: label(29, "strengths"),
          children: value("strengths", cadre.strengths),
          span: 2,
        },
        { key: "health", label: label(31, "health"), children: value("health", cadre.health), span: 2 },
        ...(cadre.leftOn
          ? [
              {
                key: "left",
                label: t("cadre.field.leftOn"),
                children: [formatDmy(cadre.leftOn), cadre.leftReason].filter(Boolean).join(" – "),
                span: 2,
              },
            ]
          : []),
      ],
    },
  ];

  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }} data-testid="cadre-general">
      {sections.map((section) => (
        <Descriptions
          key={section.title}
          title={section.title}
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={section.items}
          styles={{ label: { width: 260 } }}
        />
      ))}
    </Space>
  );
}
