/**
 * Bounded selection of the k best candidates by key, in O(n log k): a min-heap of the best
 * k seen so far. Ties on the key go to the smaller call id, so the result does not depend
 * on the order candidates are offered in.
 */
export class TopK {
  private readonly heap: number[] = [];

  /**
   * @param k how many to keep
   * @param keys key per candidate index; larger is better
   * @param ids id per candidate index, for ties
   */
  constructor(
    private readonly k: number,
    private readonly keys: Float64Array,
    private readonly ids: (i: number) => string,
  ) {}

  /** True when candidate a ranks strictly before candidate b. */
  private better(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    if (ka !== kb) return ka > kb;
    return this.ids(a) < this.ids(b);
  }

  /** Consider candidate index i. */
  offer(i: number): void {
    if (this.k === 0) return;
    const h = this.heap;
    if (h.length < this.k) {
      h.push(i);
      this.siftUp(h.length - 1);
    } else if (this.better(i, h[0] as number)) {
      h[0] = i;
      this.siftDown(0);
    }
  }

  /** The kept candidates, best first. */
  sorted(): number[] {
    return [...this.heap].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private siftUp(pos: number): void {
    const h = this.heap;
    const item = h[pos] as number;
    while (pos > 0) {
      const parent = (pos - 1) >> 1;
      const p = h[parent] as number;
      // Min-heap on rank: the worst kept candidate sits at the root.
      if (!this.better(p, item)) break;
      h[pos] = p;
      pos = parent;
    }
    h[pos] = item;
  }

  private siftDown(pos: number): void {
    const h = this.heap;
    const n = h.length;
    const item = h[pos] as number;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.better(h[child] as number, h[right] as number)) child = right;
      const c = h[child] as number;
      if (!this.better(item, c)) break;
      h[pos] = c;
      pos = child;
    }
    h[pos] = item;
  }
}

/** Merge two best-first lists into the best `k`, best first. */
export function mergeBest(a: readonly number[], b: readonly number[], k: number, keys: Float64Array, ids: (i: number) => string): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (out.length < k && (i < a.length || j < b.length)) {
    if (j >= b.length) out.push(a[i++] as number);
    else if (i >= a.length) out.push(b[j++] as number);
    else {
      const x = a[i] as number;
      const y = b[j] as number;
      const kx = keys[x] as number;
      const ky = keys[y] as number;
      if (kx > ky || (kx === ky && ids(x) < ids(y))) {
        out.push(x);
        i++;
      } else {
        out.push(y);
        j++;
      }
    }
  }
  return out;
}
