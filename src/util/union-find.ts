/** Disjoint sets over 0..count-1 with path compression; the smaller index stays root, so results do not depend on the order of joins. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly sizes: Int32Array;
  constructor(count: number, from?: UnionFind) {
    this.parent = from ? from.parent.slice() : Int32Array.from({ length: count }, (_, k) => k);
    this.sizes = from ? from.sizes.slice() : new Int32Array(count).fill(1);
  }
  /** An independent copy of these sets. */
  copy(): UnionFind {
    return new UnionFind(this.parent.length, this);
  }
  find(x: number): number {
    let root = x;
    while (this.parent[root] !== root) root = this.parent[root]!;
    while (this.parent[x] !== root) {
      const next = this.parent[x]!;
      this.parent[x] = root;
      x = next;
    }
    return root;
  }
  sizeOf(x: number): number {
    return this.sizes[this.find(x)]!;
  }
  /** Joins two roots and returns the root of the joined set. */
  join(rootA: number, rootB: number): number {
    if (rootA === rootB) return rootA;
    const [keep, drop] = rootA < rootB ? [rootA, rootB] : [rootB, rootA];
    this.parent[drop] = keep;
    this.sizes[keep]! += this.sizes[drop]!;
    return keep;
  }
}
