import { TreeSelect } from "antd";
import { useMemo } from "react";
import type { UnitNode } from "../../../../common/contracts/units.ts";
import { matchesFolded } from "../../../../common/text/vietnamese.ts";
import type { UnitIndex } from "../utils/unit-tree.ts";

type Option = { value: number; title: string; children?: Option[]; disabled?: boolean };

type Props = {
  index: UnitIndex;
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Units that cannot be chosen (the unit itself and its descendants, for a move). */
  disabledIds?: ReadonlySet<number>;
  placeholder?: string;
  autoFocus?: boolean;
  "data-testid"?: string;
  id?: string;
};

/** Picks a unit from the tree; typing filters by name with diacritics and case ignored. */
export function UnitPicker({
  index,
  value,
  onChange,
  disabledIds,
  placeholder,
  autoFocus,
  id,
  ...rest
}: Props) {
  const treeData = useMemo(() => {
    const build = (nodes: readonly UnitNode[]): Option[] =>
      nodes.map((n) => {
        const children = index.childrenOf.get(n.id);
        return {
          value: n.id,
          title: n.name,
          disabled: disabledIds?.has(n.id),
          children: children ? build(children) : undefined,
        };
      });
    return build(index.roots);
  }, [index, disabledIds]);

  return (
    <TreeSelect<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={treeData}
      showSearch
      allowClear
      autoFocus={autoFocus}
      placeholder={placeholder}
      treeNodeFilterProp="title"
      filterTreeNode={(input, node) => matchesFolded(String(node.title ?? ""), input)}
      treeDefaultExpandedKeys={index.roots.map((r) => r.id)}
      listHeight={320}
      style={{ width: "100%" }}
      data-testid={rest["data-testid"]}
    />
  );
}
