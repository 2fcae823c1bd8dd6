/** The waiting queue: FCFS at the back, preempted sequences return to the front (a ring deque). */
import type { Sequence } from "./sequence.js";

export class SequenceQueue {
  private items: (Sequence | undefined)[] = new Array<Sequence | undefined>(16);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  peek(): Sequence | undefined {
    return this.count > 0 ? this.items[this.head] : undefined;
  }

  pushBack(seq: Sequence): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) % this.items.length] = seq;
    this.count++;
  }

  pushFront(seq: Sequence): void {
    if (this.count === this.items.length) this.grow();
    this.head = (this.head - 1 + this.items.length) % this.items.length;
    this.items[this.head] = seq;
    this.count++;
  }

  popFront(): Sequence | undefined {
    if (this.count === 0) return undefined;
    const seq = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return seq;
  }

  /** Front to back. */
  toArray(): Sequence[] {
    const out: Sequence[] = [];
    for (let i = 0; i < this.count; i++)
      out.push(this.items[(this.head + i) % this.items.length] as Sequence);
    return out;
  }

  private grow(): void {
    const old = this.toArray();
    this.items = new Array<Sequence | undefined>(this.items.length * 2);
    old.forEach((s, i) => (this.items[i] = s));
    this.head = 0;
  }
}
