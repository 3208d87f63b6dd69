import { DatePicker, Space, Spin, Typography } from "antd";
import type { ReactNode } from "react";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "./dates.ts";

/** A page's title (and an optional line under it) on the left, its controls on the right, wrapping on narrow screens. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <div
      style={{
        display: "flex",
        alignItems: "center",
        justifyContent: "space-between",
        gap: 16,
        flexWrap: "wrap",
      }}
    >
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle}
      </div>
      {extra}
    </div>
  );
}

/**
 * "As of" date picker (dd/mm/yyyy) with its label and a spinner while the page refetches. Today is
 * reported as undefined, so that URLs carry a date only when it is not today.
 */
export function AsOfPicker({
  value,
  onChange,
  label,
  loading,
  testId,
  width,
}: {
  value: string;
  onChange: (asOf: string | undefined) => void;
  label: string;
  loading?: boolean;
  testId: string;
  width?: number;
}) {
  return (
    <Space size={8}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      <DatePicker
        value={dayjsOf(value)}
        format={DATE_INPUT_FORMATS}
        allowClear={false}
        onChange={(d) => d && onChange(isoOf(d) === todayIso() ? undefined : isoOf(d))}
        aria-label={label}
        data-testid={testId}
        {...(width ? { style: { width } } : {})}
      />
      {loading && <Spin size="small" />}
    </Space>
  );
}
