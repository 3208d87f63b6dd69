import { LockOutlined, ReloadOutlined } from "@ant-design/icons";
import { useQueryClient } from "@tanstack/react-query";
import {
  Alert,
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
} from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail, CreateCadreInput } from "../../../../common/contracts/cadres.ts";
import { SEXES, STAFF_TYPES } from "../../../../common/enums/cadres.ts";
import { BIRTH_DATE_PRECISIONS, type BirthDatePrecision } from "../../../../common/rules/birth-date.ts";
import { matchesFolded } from "../../../../common/text/vietnamese.ts";
import { ApiError, api } from "../../../app/api-client.ts";
import { useAuth } from "../../../app/auth-context.tsx";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "../../../app/dates.ts";
import { applyServerError } from "../../../app/form-errors.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCreateCadre, useUpdateCadre } from "../hooks/use-cadre-mutations.ts";
import { CADRES_KEY, useCodes } from "../hooks/use-cadre-queries.ts";
import { postBody } from "../utils/assignment-post.ts";
import { codeOptions } from "../utils/code-names.ts";
import { changedKeys, maxRule, reasonOf } from "../utils/form-values.ts";
import {
  isSensitive,
  PERSON_FIELDS,
  type PersonField,
  type PersonFormValues,
  personFromForm,
  personToForm,
} from "../utils/person-form.ts";
import { AssignmentFields } from "./history/AssignmentFields.tsx";

type Values = PersonFormValues & { assignment?: Record<string, unknown> };

type Props =
  | { mode: "create"; cadre?: undefined; onClose: () => void; onDone: (created: CadreDetail) => void }
  | { mode: "edit"; cadre: CadreDetail; onClose: () => void; onDone?: (saved: CadreDetail) => void };

const FORM_FIELDS = [
  ...PERSON_FIELDS,
  "reason",
  "assignment.validFrom",
  "assignment.unitId",
  "assignment.post",
  "assignment.appointedOn",
  "assignment.decisionRef",
];

const UNIQUE_FIELD: Record<string, PersonField> = {
  CADRE_STAFF_CODE_TAKEN: "staffCode",
  CADRE_ID_NUMBER_TAKEN: "idNumber",
  CADRE_ID_NUMBER_MISMATCH: "idNumber",
};

/**
 * The person's own fields (CV items 1–22 and the rest of the identity), in a drawer. Editing sends only
 * the fields that changed, with the version read: when someone else saved in between (409), the typed
 * values stay in the form and the user reloads the newer record under them before saving again.
 */
export function CadreFormDrawer(props: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { message, modal } = App.useApp();
  const { can, me } = useAuth();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const codes = useCodes();
  const create = useCreateCadre();
  const update = useUpdateCadre(props.cadre?.id ?? 0);
  const [base, setBase] = useState<CadreDetail | undefined>(props.cadre);
  const [problem, setProblem] = useState<string>();
  const [conflict, setConflict] = useState(false);
  const [reloadNote, setReloadNote] = useState<string>();
  const [isReloading, setReloading] = useState(false);
  const isEdit = props.mode === "edit";
  const isPending = create.isPending || update.isPending;
  const masked = new Set<string>(base?.masked ?? []);
  const canSensitive = can("cadres.sensitive");
  const needsPost = me?.scope !== "all";

  const initialValues: Values = base
    ? personToForm(base)
    : {
        sex: "male",
        birthDatePrecision: "day",
        staffType: "civil_servant",
        assignment: { validFrom: dayjsOf(todayIso()) },
      };
  const birthPrecision = (Form.useWatch("birthDatePrecision", form) ?? "day") as BirthDatePrecision;

  /** Fields whose values differ from the record the form started from. */
  const pendingChanges = (): PersonField[] => {
    const before = personFromForm(base ? personToForm(base) : {});
    const after = personFromForm(form.getFieldsValue(true) as Values);
    return changedKeys(before, after) as PersonField[];
  };

  const close = () => {
    const dirty = isEdit ? pendingChanges().length > 0 : form.isFieldsTouched();
    if (!dirty || isPending) {
      props.onClose();
      return;
    }
    modal.confirm({
      title: t("cadreForm.unsaved"),
      okText: t("cadreForm.discard"),
      okButtonProps: { danger: true },
      cancelText: t("app.cancel"),
      onOk: props.onClose,
    });
  };

  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === "CADRE_VERSION_CONFLICT") {
      setConflict(true);
      setProblem(undefined);
      return;
    }
    // Uniqueness is checked by the server only; the message belongs next to the field.
    const field = error instanceof ApiError ? UNIQUE_FIELD[error.code] : undefined;
    if (field) {
      form.setFields([{ name: field, errors: [(error as ApiError).message] }]);
      form.scrollToField(field);
      setProblem(undefined);
      return;
    }
    setProblem(applyServerError(form, error, FORM_FIELDS));
  };

  const submit = (values: Values) => {
    setProblem(undefined);
    setReloadNote(undefined);
    const body = personFromForm(values);
    const reason = reasonOf(values.reason);
    if (props.mode === "edit" && base) {
      const changed = pendingChanges();
      if (changed.length === 0) {
        setProblem(t("cadreForm.nothingChanged"));
        return;
      }
      const patch = Object.fromEntries(changed.map((key) => [key, body[key]]));
      update.mutate({ ...patch, version: base.version, reason } as never, {
        onSuccess: (saved) => {
          message.success(t("cadreForm.saved", { name: saved.fullName }));
          props.onDone?.(saved);
          props.onClose();
        },
        onError,
      });
      return;
    }
    // A new record: leave out what is empty, and sensitive fields the user may not write.
    const person = Object.fromEntries(
      Object.entries(body).filter(([key, value]) => value !== null && (canSensitive || !isSensitive(key))),
    );
    const a = values.assignment;
    const hasPost = a?.unitId !== undefined && a?.post !== undefined;
    const input = {
      ...person,
      reason,
      ...(hasPost
        ? {
            assignment: {
              ...postBody(a.post, a.unitId as number),
              isMain: true,
              validFrom: isoOf(a.validFrom as Dayjs),
              appointedOn: a.appointedOn ? isoOf(a.appointedOn as Dayjs) : null,
              decisionRef: reasonOf(a.decisionRef) ?? null,
            },
          }
        : {}),
    } as CreateCadreInput;
    create.mutate(input, {
      onSuccess: (created) => {
        message.success(t("cadreForm.created", { name: created.fullName }));
        props.onDone?.(created);
      },
      onError,
    });
  };

  /** After a 409: the newer record under the typed values (fields the user did not touch follow it). */
  const reload = async () => {
    if (!base) return;
    setReloading(true);
    try {
      const fresh = await api<CadreDetail>(`/cadres/${base.id}`);
      const typed = personFromForm(form.getFieldsValue(true) as Values);
      const before = personFromForm(personToForm(base));
      const after = personFromForm(personToForm(fresh));
      const freshForm = personToForm(fresh);
      const mine = new Set(changedKeys(before, typed));
      const theirs = changedKeys(before, after);
      form.setFieldsValue(
        Object.fromEntries(PERSON_FIELDS.filter((f) => !mine.has(f)).map((f) => [f, freshForm[f]])) as Values,
      );
      const clash = theirs.filter((f) => mine.has(f as PersonField));
      setBase(fresh);
      setConflict(false);
      setReloadNote(
        [
          t("cadreForm.reloaded"),
          clash.length
            ? t("cadreForm.reloadedClash", {
                fields: clash.map((f) => t(`cadre.field.${f as PersonField}`)).join(", "),
              })
            : "",
        ].join(" "),
      );
      void queryClient.invalidateQueries({ queryKey: CADRES_KEY });
    } catch (error) {
      setProblem((error as Error).message);
    } finally {
      setReloading(false);
    }
  };

  const locked = (field: PersonField) => (isEdit ? masked.has(field) : !canSensitive && isSensitive(field));
  const lockedPlaceholder = (field: PersonField) =>
    locked(field) ? (isEdit ? t("cadre.masked") : t("cadreForm.sensitiveLocked")) : undefined;
  const field = (
    name: PersonField,
    input: ReactNode,
    rules: Parameters<typeof Form.Item>[0]["rules"] = [],
  ) => (
    <Form.Item
      name={name}
      label={
        <Space size={4}>
          {t(`cadre.field.${name}`)}
          {locked(name) && <LockOutlined />}
        </Space>
      }
      rules={locked(name) ? [] : rules}
    >
      {input}
    </Form.Item>
  );
  const text = (name: PersonField, max: number, rules: Parameters<typeof Form.Item>[0]["rules"] = []) =>
    field(
      name,
      <Input
        maxLength={max}
        disabled={locked(name)}
        placeholder={lockedPlaceholder(name)}
        data-testid={`cadre-form-${name}`}
      />,
      [maxRule(t, max), ...(rules ?? [])],
    );
  const date = (name: PersonField, rules: Parameters<typeof Form.Item>[0]["rules"] = []) =>
    field(
      name,
      <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} data-testid={`cadre-form-${name}`} />,
      rules,
    );
  const notFuture = {
    validator: async (_: unknown, value: Dayjs | null | undefined) => {
      if (value && isoOf(value) > todayIso()) throw new Error(t("cadreForm.dateFuture"));
    },
  };
  const required = { required: true, message: t("cadreForm.required") };

  return (
    <Drawer
      open
      title={isEdit ? t("cadreForm.editTitle", { name: base?.fullName }) : t("cadreForm.createTitle")}
      size={720}
      onClose={close}
      maskClosable={false}
      destroyOnHidden
      data-testid="cadre-form"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        requiredMark="optional"
        disabled={isPending || isReloading}
        scrollToFirstError
      >
        {conflict && (
          <Alert
            type="warning"
            showIcon
            title={t("cadreForm.conflict")}
            action={
              <Button
                icon={<ReloadOutlined />}
                onClick={reload}
                loading={isReloading}
                disabled={false}
                data-testid="cadre-form-reload"
              >
                {t("cadreForm.reload")}
              </Button>
            }
            style={{ marginBottom: 16 }}
            data-testid="cadre-form-conflict"
          />
        )}
        {reloadNote && (
          <Alert type="info" showIcon title={reloadNote} closable style={{ marginBottom: 16 }} />
        )}
        {problem && (
          <Alert
            type="error"
            showIcon
            title={problem}
            style={{ marginBottom: 16 }}
            data-testid="form-error"
          />
        )}
        <Divider titlePlacement="start">{t("cadre.section.identity")}</Divider>
        <Row gutter={12}>
          <Col span={12}>
            {text("staffCode", 32, [
              { required: true, whitespace: true, message: t("cadreForm.required") },
              { pattern: /^[0-9A-Za-z._/-]+$/, message: t("cadreForm.staffCodeInvalid") },
            ])}
          </Col>
          <Col span={12}>
            {text("idNumber", 12, [{ pattern: /^\d{12}$/, message: t("cadreForm.idNumberInvalid") }])}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            {text("fullName", 200, [
              { required: true, whitespace: true, message: t("cadreForm.required") },
              { min: 2, message: t("cadreForm.required") },
              { pattern: /^[^0-9<>]+$/u, message: t("cadreForm.nameInvalid") },
            ])}
          </Col>
          <Col span={12}>{text("otherNames", 200)}</Col>
        </Row>
        <Row gutter={12}>
          <Col span={6}>
            {field(
              "sex",
              <Select
                options={SEXES.map((s) => ({ value: s, label: t(`sex.${s}`) }))}
                data-testid="cadre-form-sex"
              />,
              [required],
            )}
          </Col>
          <Col span={6}>
            {field(
              "birthDate",
              // Only the year or the month known (Decree 135/2020 art. 3): pick that much; stored as its first day.
              <DatePicker
                picker={birthPrecision === "day" ? "date" : birthPrecision}
                format={
                  birthPrecision === "day"
                    ? DATE_INPUT_FORMATS
                    : birthPrecision === "month"
                      ? "MM/YYYY"
                      : "YYYY"
                }
                style={{ width: "100%" }}
                data-testid="cadre-form-birthDate"
              />,
              [required, notFuture],
            )}
          </Col>
          <Col span={6}>
            {field(
              "birthDatePrecision",
              <Select
                options={BIRTH_DATE_PRECISIONS.map((p) => ({
                  value: p,
                  label: t(`birthDatePrecision.${p}`),
                }))}
                data-testid="cadre-form-birthDatePrecision"
              />,
              [required],
            )}
          </Col>
          <Col span={6}>
            {field(
              "staffType",
              <Select options={STAFF_TYPES.map((s) => ({ value: s, label: t(`staffType.${s}`) }))} />,
              [required],
            )}
          </Col>
        </Row>
        <Divider titlePlacement="start">{t("cadre.section.origin")}</Divider>
        {text("birthplaceText", 300)}
        {text("homeTownText", 300)}
        <Row gutter={12}>
          <Col span={12}>
            {field(
              "ethnicityCode",
              <Select
                allowClear
                showSearch={{ filterOption: (input, o) => matchesFolded(String(o?.label ?? ""), input) }}
                disabled={locked("ethnicityCode")}
                placeholder={lockedPlaceholder("ethnicityCode")}
                options={codeOptions(codes.data, "ethnicity", language, {
                  keep: base?.ethnicityCode,
                  asOf: todayIso(),
                })}
              />,
            )}
          </Col>
          <Col span={12}>
            {field(
              "religionCode",
              <Select
                allowClear
                showSearch={{ filterOption: (input, o) => matchesFolded(String(o?.label ?? ""), input) }}
                disabled={locked("religionCode")}
                placeholder={lockedPlaceholder("religionCode")}
                options={codeOptions(codes.data, "religion", language, {
                  keep: base?.religionCode,
                  asOf: todayIso(),
                })}
              />,
            )}
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            {text("phone", 30, [{ pattern: /^[0-9+()\-. ]*$/, message: t("cadreForm.phoneInvalid") }])}
          </Col>
          <Col span={12}>{text("email", 200, [{ type: "email", message: t("cadreForm.emailInvalid") }])}</Col>
        </Row>
        {text("residence", 300)}
        <Divider titlePlacement="start">{t("cadre.section.career")}</Divider>
        {text("occupationBeforeRecruitment", 200)}
        <Row gutter={12}>
          <Col span={8}>{date("recruitmentDate", [notFuture])}</Col>
          <Col span={16}>{text("recruitmentAgency", 300)}</Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>{date("joinedAgencyDate", [notFuture])}</Col>
          <Col span={8}>{date("partyAdmissionDate", [notFuture])}</Col>
          <Col span={8}>
            <Form.Item
              name="partyOfficialDate"
              label={t("cadre.field.partyOfficialDate")}
              dependencies={["partyAdmissionDate"]}
              rules={[
                notFuture,
                ({ getFieldValue }) => ({
                  validator: async (_, value: Dayjs | null | undefined) => {
                    const admitted = getFieldValue("partyAdmissionDate") as Dayjs | null | undefined;
                    if (value && admitted && !value.isAfter(admitted, "day"))
                      throw new Error(t("cadreForm.officialAfterAdmission"));
                  },
                }),
              ]}
            >
              <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
            </Form.Item>
          </Col>
        </Row>
        <Divider titlePlacement="start">{t("cadre.section.education")}</Divider>
        <Row gutter={12}>
          <Col span={8}>{text("generalEducation", 20)}</Col>
          <Col span={8}>
            {field(
              "academicTitleCode",
              <Select
                allowClear
                options={codeOptions(codes.data, "academic_title", language, {
                  keep: base?.academicTitleCode,
                })}
              />,
            )}
          </Col>
          <Col span={8}>
            {field(
              "academicTitleYear",
              <InputNumber<number> min={1900} max={2200} precision={0} style={{ width: "100%" }} />,
            )}
          </Col>
        </Row>
        {text("honoraryTitle", 300)}
        <Divider titlePlacement="start">{t("cadre.section.other")}</Divider>
        {text("health", 300)}
        {field("strengths", <Input.TextArea rows={2} maxLength={1000} />, [maxRule(t, 1000)])}
        {isEdit && (
          <Row gutter={12}>
            <Col span={8}>{date("leftOn")}</Col>
            <Col span={16}>{text("leftReason", 300)}</Col>
          </Row>
        )}
        {!isEdit && (
          <>
            <Divider titlePlacement="start">{t("cadreForm.firstPost")}</Divider>
            <Alert type="info" title={t("cadreForm.firstPostHelp")} style={{ marginBottom: 12 }} />
            <AssignmentFields form={form} prefix="assignment" isFirstPost isOptional={!needsPost} />
          </>
        )}
        <Divider />
        <Form.Item name="reason" label={t("cadre.field.reason")} rules={[maxRule(t, 1000)]}>
          <Input.TextArea rows={2} maxLength={1000} placeholder={t("history.reasonPlaceholder")} />
        </Form.Item>
        <div
          style={{
            position: "sticky",
            bottom: -24,
            background: "#fff",
            padding: "12px 0",
            borderTop: "1px solid rgba(5,5,5,0.06)",
            display: "flex",
            justifyContent: "flex-end",
            zIndex: 2,
          }}
        >
          <Space>
            <Button onClick={close} disabled={false}>
              {t("app.cancel")}
            </Button>
            <Button type="primary" htmlType="submit" loading={isPending} data-testid="cadre-form-submit">
              {isEdit ? t("cadreForm.submitEdit") : t("cadreForm.submitCreate")}
            </Button>
          </Space>
        </div>
      </Form>
    </Drawer>
  );
}
