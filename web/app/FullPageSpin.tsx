import { Spin } from "antd";

export function FullPageSpin() {
  return (
    <div style={{ display: "grid", placeItems: "center", minHeight: "100vh" }}>
      <Spin size="large" />
    </div>
  );
}
