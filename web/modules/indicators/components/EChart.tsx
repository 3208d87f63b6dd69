import type { CSSProperties } from "react";
import { useEffect, useRef } from "react";
import { type ChartOption, type ECElementEvent, type EChartsType, init } from "../utils/echarts.ts";

type Props = {
  option: ChartOption;
  /** A click on a data element (bar, point); the chart shows a pointer over them when this is set. */
  onClick?: (event: ECElementEvent) => void;
  height: number;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  ariaLabel?: string;
  style?: CSSProperties;
  "data-testid"?: string;
};

/**
 * An ECharts instance on a div: created on mount, given each new option whole (no merging with the
 * previous one), resized with its box, disposed on unmount.
 */
export function EChart({ option, onClick, height, ariaLabel, style, ...rest }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  // The handler changes with every render of the parent; the chart keeps one listener that reads it here.
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (event) => click.current?.(event as ECElementEvent));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={box}
      role="img"
      aria-label={ariaLabel}
      style={{ width: "100%", height, ...style }}
      data-testid={rest["data-testid"]}
    />
  );
}
