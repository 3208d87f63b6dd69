import { ClearOutlined, FilterOutlined } from "@ant-design/icons";
import { Button, DatePicker, Form, Input, Select } from "antd";
import type { Dayjs } from "dayjs";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { AUDIT_ENTITY_TYPES, auditEntityTypeLabel } from "../../../../common/enums/audit.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf } from "../../../app/dates.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import type { AuditFilter } from "../hooks/use-audit-page.ts";
import { actionOptions } from "../utils/action-labels.ts";

const ENTITY_TYPES = Object.keys(AUDIT_ENTITY_TYPES);

type Values = {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  dates?: [Dayjs | null, Dayjs | null] | null;
  q?: string;
};

type Props = { value: AuditFilter; onChange: (filter: AuditFilter) => void };

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The filters of the audit log; applied on Enter or with the Filter button. */
export function AuditFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const [form] = Form.useForm<Values>();

  useEffect(() => {
    form.setFieldsValue({
      actor: value.actor,
      action: value.action,
      entityType: value.entityType,
      entityId: value.entityId,
      dates: value.from || value.to ? [dayjsOf(value.from) ?? null, dayjsOf(value.to) ?? null] : null,
      q: value.q,
    });
  }, [form, value]);

  const apply = (v: Values) =>
    onChange({
      actor: text(v.actor),
      action: v.action ?? undefined,
      entityType: v.entityType ?? undefined,
      entityId: text(v.entityId),
      from: v.dates?.[0] ? isoOf(v.dates[0]) : undefined,
      to: v.dates?.[1] ? isoOf(v.dates[1]) : undefined,
      q: text(v.q),
    });

  return (
    <Form<Values>
      form={form}
      layout="inline"
      onFinish={apply}
      style={{ rowGap: 12 }}
      data-testid="audit-filters"
    >
      <Form.Item name="actor">
        <Input
          placeholder={t("audit.filterActor")}
          allowClear
          style={{ width: 160 }}
          data-testid="audit-filter-actor"
        />
      </Form.Item>
      <Form.Item name="action">
        <Select
          placeholder={t("audit.filterAction")}
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          options={actionOptions(language)}
          style={{ width: 240 }}
          popupMatchSelectWidth={300}
          data-testid="audit-filter-action"
        />
      </Form.Item>
      <Form.Item name="entityType">
        <Select
          placeholder={t("audit.filterEntityType")}
          allowClear
          options={ENTITY_TYPES.map((e) => ({ value: e, label: auditEntityTypeLabel(e, language) }))}
          style={{ width: 160 }}
          data-testid="audit-filter-entity-type"
        />
      </Form.Item>
      <Form.Item name="entityId">
        <Input placeholder={t("audit.filterEntityId")} allowClear style={{ width: 130 }} />
      </Form.Item>
      <Form.Item name="dates">
        <DatePicker.RangePicker
          format={DATE_INPUT_FORMATS}
          allowEmpty={[true, true]}
          data-testid="audit-filter-dates"
        />
      </Form.Item>
      <Form.Item name="q">
        <Input
          placeholder={t("audit.filterText")}
          allowClear
          style={{ width: 220 }}
          data-testid="audit-filter-text"
        />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" icon={<FilterOutlined />} data-testid="audit-filter-submit">
          {t("audit.search")}
        </Button>
      </Form.Item>
      <Form.Item>
        <Button icon={<ClearOutlined />} onClick={() => onChange({})}>
          {t("audit.reset")}
        </Button>
      </Form.Item>
    </Form>
  );
}
