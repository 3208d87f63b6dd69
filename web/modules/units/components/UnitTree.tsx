import { SearchOutlined } from "@ant-design/icons";
import { Empty, type GetRef, Input, Tree, type TreeDataNode, Typography } from "antd";
import { type Key, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitNode } from "../../../../common/contracts/units.ts";
import { ancestorIds, searchTree, type UnitIndex } from "../utils/unit-tree.ts";
import { HighlightedName } from "./HighlightedName.tsx";

type Props = {
  index: UnitIndex;
  selectedId: number | undefined;
  /** A unit to make visible without selecting it (e.g. one just created under the selection). */
  revealId?: number;
  onSelect: (id: number) => void;
  height: number;
};

/** True when the node's row is inside the tree's scroll window (the list may render rows off-screen). */
function isRowVisible(id: number): boolean {
  const row = document.querySelector(`[data-testid="unit-node-${id}"]`)?.getBoundingClientRect();
  const holder = document
    .querySelector('[data-testid="unit-tree"] .ant-tree-list-holder')
    ?.getBoundingClientRect();
  return !!row && !!holder && row.top >= holder.top && row.bottom <= holder.bottom;
}

function NodeTitle({ node, query }: { node: UnitNode; query: string }) {
  return (
    <span data-testid={`unit-node-${node.id}`}>
      <HighlightedName name={node.name} query={query} />
    </span>
  );
}

/**
 * The organisation tree as of a date, virtualised (≈2,000 nodes). The search ignores diacritics and
 * case; while searching only matches and their ancestors are shown, expanded, matches highlighted.
 */
export function UnitTree({ index, selectedId, revealId, onSelect, height }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const query = useDeferredValue(search.trim());
  const found = useMemo(() => (query ? searchTree(index, query) : undefined), [index, query]);
  const [expanded, setExpanded] = useState<Key[]>(() => index.roots.map((r) => r.id));
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // Searching opens the way to every match; clearing the search goes back to the roots and the selection.
  useEffect(() => {
    if (found) setExpanded([...found.expand]);
    else
      setExpanded((current) => {
        const keep = new Set<Key>(current);
        for (const r of index.roots) keep.add(r.id);
        return [...keep];
      });
  }, [found, index]);

  // A selection made elsewhere (breadcrumb, lineage link, URL) or a unit just created is opened and
  // scrolled into view once, when it first appears in the tree; refetches leave the scroll alone.
  const shown = useRef<{ selected?: number; revealed?: number }>({});
  const [scrollTarget, setScrollTarget] = useState<{ key: number }>();

  // The virtual list only knows a node once it has rendered and measured the new data, so keep asking
  // until the node's row is inside the scroll window (or give up after about a second).
  useEffect(() => {
    if (scrollTarget === undefined) return;
    let tries = 0;
    let frame = 0;
    const attempt = () => {
      treeRef.current?.scrollTo({ key: scrollTarget.key, align: "auto" });
      const isShown = isRowVisible(scrollTarget.key);
      if (!isShown && ++tries < 60) frame = window.requestAnimationFrame(attempt);
    };
    frame = window.requestAnimationFrame(attempt);
    return () => window.cancelAnimationFrame(frame);
  }, [scrollTarget]);

  useEffect(() => {
    const wanted: [keyof typeof shown.current, number | undefined][] = [
      ["selected", selectedId],
      ["revealed", revealId],
    ];
    let target: number | undefined;
    for (const [kind, id] of wanted) {
      if (id === undefined || shown.current[kind] === id || !index.byId.has(id)) continue;
      shown.current[kind] = id;
      target = id;
    }
    if (target === undefined) return;
    const path = ancestorIds(index, target);
    setExpanded((current) => {
      const missing = path.filter((id) => !current.includes(id));
      return missing.length ? [...current, ...missing] : current;
    });
    setScrollTarget({ key: target });
  }, [selectedId, revealId, index]);

  const treeData = useMemo(() => {
    const build = (nodes: readonly UnitNode[]): TreeDataNode[] =>
      nodes
        .filter((n) => !found || found.visible.has(n.id))
        .map((n) => {
          const children = index.childrenOf.get(n.id);
          const shown = children ? build(children) : [];
          return {
            key: n.id,
            title: <NodeTitle node={n} query={found?.matches.has(n.id) ? query : ""} />,
            children: shown.length ? shown : undefined,
            isLeaf: shown.length === 0,
          };
        });
    return build(index.roots);
  }, [index, found, query]);

  return (
    <div>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t("units.search")}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        data-testid="unit-search"
        aria-label={t("units.search")}
      />
      <Typography.Text type="secondary" style={{ display: "block", margin: "6px 0", minHeight: 22 }}>
        {found &&
          (found.matches.size ? t("units.matches", { count: found.matches.size }) : t("units.noMatch"))}
      </Typography.Text>
      {treeData.length === 0 ? (
        <Empty description={found ? t("units.noMatch") : t("units.empty")} />
      ) : (
        <Tree
          ref={treeRef}
          treeData={treeData}
          height={height}
          virtual
          blockNode
          showLine
          expandedKeys={expanded}
          onExpand={(keys) => setExpanded(keys)}
          selectedKeys={selectedId === undefined ? [] : [selectedId]}
          onSelect={(_, info) => onSelect(Number(info.node.key))}
          data-testid="unit-tree"
        />
      )}
    </div>
  );
}
