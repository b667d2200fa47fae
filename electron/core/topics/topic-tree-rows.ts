import type { TopicTreeRow } from '../../../shared/domain/topic-tree';
import type { TopicNode, TopicTree } from './topic-tree';

interface ExpandedChild {
  index: number;
  node: TopicNode;
}

/**
 * The tree as shown, flattened: every child of the root and, below each expanded node, its
 * children, in order. It is never built as a list. A window of rows is found by skipping whole
 * runs of collapsed siblings by arithmetic and whole expanded subtrees by their row counts, so a
 * window costs about its own size plus the number of expanded nodes, even under 50,000 siblings.
 */
export class ShownTree {
  private readonly expandedTopics: Set<string>;
  /** Expanded nodes that are shown (all their ancestors are expanded too), by parent, in sibling order. */
  private readonly expandedByParent = new Map<TopicNode, ExpandedChild[]>();
  private readonly rowCounts = new Map<TopicNode, number>();

  constructor(
    private readonly tree: TopicTree,
    expanded: readonly string[],
  ) {
    this.expandedTopics = new Set(expanded);
    for (const topic of this.expandedTopics) {
      const node = tree.get(topic);
      if (!node || node.childCount === 0 || !this.ancestorsExpanded(node)) continue;
      const parent = node.parent as TopicNode;
      let siblings = this.expandedByParent.get(parent);
      if (!siblings) this.expandedByParent.set(parent, (siblings = []));
      siblings.push({ index: parent.indexOfChild(node), node });
    }
    for (const siblings of this.expandedByParent.values()) siblings.sort((a, b) => a.index - b.index);
  }

  get total(): number {
    return this.rowsBelow(this.tree.rootNode);
  }

  rows(from: number, count: number): TopicTreeRow[] {
    const out: TopicTreeRow[] = [];
    if (count > 0) this.collect(this.tree.rootNode, 1, from, out, count);
    return out;
  }

  /** The row index of a node, or undefined when it is not in the tree or a collapsed ancestor hides it. */
  indexOf(topic: string): number | undefined {
    const node = this.tree.get(topic);
    if (!node || !this.ancestorsExpanded(node)) return undefined;
    const path: TopicNode[] = [];
    for (let at: TopicNode | undefined = node; at?.parent; at = at.parent) path.push(at);
    let index = -1;
    let parent = this.tree.rootNode;
    for (let step = path.length - 1; step >= 0; step--) {
      const child = path[step] as TopicNode;
      const position = parent.indexOfChild(child);
      let before = position;
      for (const expanded of this.expandedByParent.get(parent) ?? []) {
        if (expanded.index >= position) break;
        before += this.rowsBelow(expanded.node);
      }
      index += 1 + before;
      parent = child;
    }
    return index;
  }

  private ancestorsExpanded(node: TopicNode): boolean {
    for (let at = node.parent; at?.parent; at = at.parent) if (!this.expandedTopics.has(at.topic)) return false;
    return true;
  }

  /** Rows shown beneath a node: its children, and theirs where expanded. */
  private rowsBelow(node: TopicNode): number {
    const known = this.rowCounts.get(node);
    if (known !== undefined) return known;
    let rows = node.childCount;
    for (const expanded of this.expandedByParent.get(node) ?? []) rows += this.rowsBelow(expanded.node);
    this.rowCounts.set(node, rows);
    return rows;
  }

  /** Appends rows from `offset` within the rows below `node`; returns true once `limit` rows are out. */
  private collect(node: TopicNode, level: number, offset: number, out: TopicTreeRow[], limit: number): boolean {
    const children = node.sortedChildren();
    const expanded = this.expandedByParent.get(node) ?? [];
    let childIndex = 0;
    let rowIndex = 0;
    for (let next = 0; next <= expanded.length; next++) {
      const opened = expanded[next];
      // Siblings up to and including the next expanded one each take one row.
      const runEnd = opened ? opened.index + 1 : children.length;
      if (rowIndex + (runEnd - childIndex) > offset) {
        for (let index = childIndex + Math.max(0, offset - rowIndex); index < runEnd; index++) {
          out.push(this.row(children[index] as TopicNode, level, index, children.length));
          if (out.length >= limit) return true;
        }
      }
      rowIndex += runEnd - childIndex;
      childIndex = runEnd;
      if (!opened) break;
      const below = this.rowsBelow(opened.node);
      if (rowIndex + below > offset && this.collect(opened.node, level + 1, Math.max(0, offset - rowIndex), out, limit)) return true;
      rowIndex += below;
    }
    return false;
  }

  private row(node: TopicNode, level: number, index: number, siblings: number): TopicTreeRow {
    const view = node.view(this.tree.previewOf);
    // The preview in a row is one line of 160 characters at most; the tree shows less.
    if (view.last && view.last.preview.length > 80) view.last.preview = `${view.last.preview.slice(0, 80)}…`;
    return { ...view, level, expanded: node.childCount > 0 && this.expandedTopics.has(node.topic), position: index + 1, siblings };
  }
}
