import { TreeSelect } from "antd";
import { useDeferredValue, useEffect, useMemo, useState } from "react";
import type { UnitNode } from "../../../../common/contracts/units.ts";
import { ancestorIds, searchTree, type UnitIndex } from "../utils/unit-tree.ts";
import { HighlightedName } from "./HighlightedName.tsx";

type Option = { value: number; title: string; children?: Option[]; disabled?: boolean; isMatch?: boolean };

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

/**
 * Picks a unit from the tree. Typing searches like the units tree does (diacritics and case ignored,
 * matches and their ancestors shown and opened, matches highlighted).
 */
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
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const found = useMemo(() => (query ? searchTree(index, query) : undefined), [index, query]);
  const [expanded, setExpanded] = useState<number[]>([]);

  useEffect(() => {
    if (found) setExpanded([...found.expand]);
    else
      setExpanded([
        ...index.roots.map((r) => r.id),
        ...(value !== undefined ? ancestorIds(index, value) : []),
      ]);
  }, [found, index, value]);

  const treeData = useMemo(() => {
    const build = (nodes: readonly UnitNode[]): Option[] =>
      nodes
        .filter((n) => !found || found.visible.has(n.id))
        .map((n) => {
          const children = index.childrenOf.get(n.id);
          const shown = children ? build(children) : [];
          return {
            value: n.id,
            title: n.name,
            disabled: disabledIds?.has(n.id),
            isMatch: found?.matches.has(n.id),
            children: shown.length ? shown : undefined,
          };
        });
    return build(index.roots);
  }, [index, disabledIds, found]);

  return (
    <TreeSelect<number, Option>
      id={id}
      value={value}
      onChange={(v) => {
        setSearch("");
        onChange?.(v ?? undefined);
      }}
      treeData={treeData}
      showSearch={{ searchValue: search, onSearch: setSearch, filterTreeNode: false }}
      treeExpandedKeys={expanded}
      onTreeExpand={(keys) => setExpanded(keys.map(Number))}
      treeTitleRender={(node) => <HighlightedName name={node.title} query={node.isMatch ? query : ""} />}
      allowClear
      autoFocus={autoFocus}
      placeholder={placeholder}
      listHeight={320}
      style={{ width: "100%" }}
      data-testid={rest["data-testid"]}
    />
  );
}
