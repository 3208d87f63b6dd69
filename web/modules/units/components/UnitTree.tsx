import { SearchOutlined } from "@ant-design/icons";
import { Empty, type GetRef, Input, Tree, type TreeDataNode, Typography } from "antd";
import { type Key, useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitNode } from "../../../../common/contracts/units.ts";
import { highlightParts } from "../utils/highlight.ts";
import { ancestorIds, searchTree, type UnitIndex } from "../utils/unit-tree.ts";

type Props = {
  index: UnitIndex;
  selectedId: number | undefined;
  onSelect: (id: number) => void;
  height: number;
};

function NodeTitle({ node, query }: { node: UnitNode; query: string }) {
  return (
    <span data-testid={`unit-node-${node.id}`}>
      {highlightParts(node.name, query).map((part, i) =>
        part.isMatch ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one fixed string
          <mark key={i} style={{ padding: 0, background: "#ffe58f" }}>
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </span>
  );
}

/**
 * The organisation tree as of a date, virtualised (≈2,000 nodes). The search ignores diacritics and
 * case; while searching only matches and their ancestors are shown, expanded, matches highlighted.
 */
export function UnitTree({ index, selectedId, onSelect, height }: Props) {
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

  // A selection made elsewhere (breadcrumb, lineage link, URL) is opened and scrolled into view.
  useEffect(() => {
    if (selectedId === undefined || !index.byId.has(selectedId)) return;
    const path = ancestorIds(index, selectedId);
    setExpanded((current) => {
      const missing = path.filter((id) => !current.includes(id));
      return missing.length ? [...current, ...missing] : current;
    });
    const timer = window.setTimeout(() => treeRef.current?.scrollTo({ key: selectedId, align: "auto" }), 50);
    return () => window.clearTimeout(timer);
  }, [selectedId, index]);

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
