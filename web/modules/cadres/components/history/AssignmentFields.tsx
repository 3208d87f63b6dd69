import { Checkbox, Col, DatePicker, Form, type FormInstance, Input, Row, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { matchesFolded } from "../../../../../common/text/vietnamese.ts";
import { DATE_INPUT_FORMATS, isoOf, todayIso } from "../../../../app/dates.ts";
import { useLocale } from "../../../../app/locale-context.tsx";
import { UnitPicker } from "../../../units/components/UnitPicker.tsx";
import { useUnitTree } from "../../../units/hooks/use-unit-queries.ts";
import { indexUnits } from "../../../units/utils/unit-tree.ts";
import { useSeats, useTitles } from "../../hooks/use-cadre-queries.ts";
import { endAfterStartRule, maxRule, requiredRule } from "../../utils/form-values.ts";

/**
 * The fields of an assignment: a unit (from the tree as it stood on the start date), then one of the
 * unit's seats or, when the unit has no seat for it, a title of the catalogue; main or concurrent; the
 * period and the appointment.
 */
export function AssignmentFields({
  form,
  prefix,
  isFirstPost,
  isOptional,
}: {
  form: FormInstance;
  /** Where the fields sit in a larger form (the first post of a new record: "assignment"). */
  prefix?: string;
  /** The first main post of a new record: no end date, always main. */
  isFirstPost?: boolean;
  /** The whole assignment may be left empty (the first post, for a user whose scope is everything). */
  isOptional?: boolean;
}) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const name = (field: string) => (prefix ? [prefix, field] : field);
  const validFrom = Form.useWatch<Dayjs | null | undefined>(name("validFrom"), form);
  const unitId = Form.useWatch<number | undefined>(name("unitId"), form);
  const onDate = validFrom ? isoOf(validFrom) : todayIso();
  // An optional assignment is required as a whole as soon as a unit is picked.
  const requiredHere = isOptional && unitId === undefined ? [] : [requiredRule(t)];
  const tree = useUnitTree(onDate);
  const index = useMemo(() => indexUnits(tree.data?.nodes ?? []), [tree.data]);
  const seats = useSeats(unitId, onDate);
  const titles = useTitles();

  const postOptions = useMemo(() => {
    const seatOptions = (seats.data ?? []).map((s) => ({
      value: `seat:${s.id}`,
      label: t("history.seatOption", { title: s.titleName, occupied: s.occupied, quota: s.quota }),
    }));
    const titleOptions = (titles.data ?? []).map((title) => ({
      value: `title:${title.id}`,
      label: language === "en" && title.nameEn ? title.nameEn : title.name,
    }));
    return [
      ...(seatOptions.length ? [{ label: t("history.seats"), options: seatOptions }] : []),
      { label: t("history.otherTitles"), options: titleOptions },
    ];
  }, [seats.data, titles.data, language, t]);

  return (
    <>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name={name("validFrom")} label={t("history.validFrom")} rules={requiredHere}>
            <DatePicker
              format={DATE_INPUT_FORMATS}
              style={{ width: "100%" }}
              data-testid="history-valid-from"
            />
          </Form.Item>
        </Col>
        {!isFirstPost && (
          <Col span={12}>
            <Form.Item
              name="validTo"
              label={t("history.lastDay")}
              extra={t("history.validToHelp")}
              dependencies={["validFrom"]}
              rules={[endAfterStartRule(t, "validFrom")]}
            >
              <DatePicker
                format={DATE_INPUT_FORMATS}
                style={{ width: "100%" }}
                data-testid="history-valid-to"
              />
            </Form.Item>
          </Col>
        )}
      </Row>
      <Form.Item name={name("unitId")} label={t("history.unit")} rules={isOptional ? [] : [requiredRule(t)]}>
        <UnitPicker
          index={index}
          placeholder={tree.isLoading ? t("app.loading") : undefined}
          onChange={() => form.setFieldValue(name("post"), undefined)}
          data-testid="history-unit"
        />
      </Form.Item>
      <Form.Item
        name={name("post")}
        label={t("history.post")}
        extra={t("history.postHelp")}
        rules={requiredHere}
      >
        <Select
          showSearch={{ filterOption: (input, option) => matchesFolded(String(option?.label ?? ""), input) }}
          options={postOptions}
          loading={seats.isFetching || titles.isLoading}
          placeholder={unitId === undefined ? t("history.unitFirst") : undefined}
          disabled={unitId === undefined}
          data-testid="history-post"
        />
      </Form.Item>
      {!isFirstPost && (
        <Form.Item name="isMain" valuePropName="checked">
          <Checkbox data-testid="history-is-main">{t("history.isMain")}</Checkbox>
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item
            name={name("appointedOn")}
            label={t("history.appointedOn")}
            tooltip={t("history.appointedOnHelp")}
          >
            <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name={name("decisionRef")} label={t("history.decisionRef")} rules={[maxRule(t, 100)]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      {!isFirstPost && (
        <Form.Item name="note" label={t("history.note")} rules={[maxRule(t, 500)]}>
          <Input maxLength={500} />
        </Form.Item>
      )}
    </>
  );
}
