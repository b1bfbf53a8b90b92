/**
 * A bounded memo of comparisons by pair of value numbers, in typed arrays: a Map keyed by
 * `a * 2^22 + b` hashes a heap number on every lookup, and lookups are most of linkage's time.
 */
/** Where the pair (a, b) is first looked for in a table of `mask + 1` slots. */
function slotOf(a: number, b: number, mask: number): number {
  const mixed = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
  return (mixed ^ (mixed >>> 15)) & mask;
}

export class PairMemo<V> {
  private keysA: Int32Array;
  private keysB: Int32Array;
  private values: (V | undefined)[];
  private size = 0;

  /** `maxSlots` (a power of two) bounds the memory: when the table is half full at that size it is emptied. */
  constructor(
    private readonly maxSlots = 1 << 21,
    initialSlots = 1 << 12,
  ) {
    this.keysA = new Int32Array(initialSlots).fill(-1);
    this.keysB = new Int32Array(initialSlots);
    this.values = new Array<V | undefined>(initialSlots).fill(undefined);
  }

  /** The value kept for the pair (a, b) of non-negative numbers, if any. */
  get(a: number, b: number): V | undefined {
    const mask = this.keysA.length - 1;
    for (let slot = slotOf(a, b, mask); ; slot = (slot + 1) & mask) {
      const keyA = this.keysA[slot]!;
      if (keyA === -1) return undefined;
      if (keyA === a && this.keysB[slot] === b) return this.values[slot];
    }
  }

  /** Keeps `value` for the pair (a, b), which must not be kept already. */
  set(a: number, b: number, value: V): void {
    if ((this.size + 1) * 2 > this.keysA.length) this.grow();
    const mask = this.keysA.length - 1;
    let slot = slotOf(a, b, mask);
    while (this.keysA[slot] !== -1) slot = (slot + 1) & mask;
    this.keysA[slot] = a;
    this.keysB[slot] = b;
    this.values[slot] = value;
    this.size += 1;
  }

  /** Doubles the table, or empties it once it has reached `maxSlots`. */
  private grow(): void {
    const [keysA, keysB, values] = [this.keysA, this.keysB, this.values];
    const slots = Math.min(keysA.length * 2, this.maxSlots);
    this.keysA = new Int32Array(slots).fill(-1);
    this.keysB = new Int32Array(slots);
    this.values = new Array<V | undefined>(slots).fill(undefined);
    this.size = 0;
    if (slots === keysA.length) return;
    const mask = slots - 1;
    for (let old = 0; old < keysA.length; old++) {
      const a = keysA[old]!;
      if (a === -1) continue;
      const b = keysB[old]!;
      let slot = slotOf(a, b, mask);
      while (this.keysA[slot] !== -1) slot = (slot + 1) & mask;
      this.keysA[slot] = a;
      this.keysB[slot] = b;
      this.values[slot] = values[old];
      this.size += 1;
    }
  }
}
