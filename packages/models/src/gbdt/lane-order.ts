/**
 * The order the lane walk (tools/wasm-kernel/lane-kernel-source.ts) visits a tree in: nodes in
 * pre-order, left subtree first, and leaves numbered in that order. A node's subtree holds the
 * leaves numbered from `a` (the number of the first leaf below it) and its right subtree those from
 * `m`; the walk finds a row's leaf from these two numbers per node alone.
 */
export type LaneVisitor = {
  /** Internal node `c`, in pre-order; `a` = the lane number of its first leaf. */
  node(c: number, a: number): void;
  /** Node `c`'s left subtree is done: `m` = the lane number of its right subtree's first leaf. */
  rightStart(c: number, m: number): void;
  /** Leaf `leaf` (the tree's own leaf index) has lane number `l`. */
  leaf(leaf: number, l: number): void;
};

/** Visits the tree under `root` (children `left(c)`, `right(c)`; a negative child is the leaf `~child`) in lane order. */
export function visitLaneOrder(root: number, left: (c: number) => number, right: (c: number) => number, v: LaneVisitor): void {
  let l = 0;
  const visit = (c: number): void => {
    if (c < 0) {
      v.leaf(~c, l++);
      return;
    }
    v.node(c, l);
    visit(left(c));
    v.rightStart(c, l);
    visit(right(c));
  };
  visit(root);
}
