import { describe, it, expect } from "vitest";
import { EventHeap, type HeapEntry } from "../../src/core/index.js";

interface Entry extends HeapEntry {
  id: number;
}

function entry(id: number, timeS: number, priority = 0): Entry {
  return { id, timeS, priority, seq: 0, cancelled: false, queued: false };
}

function drain(heap: EventHeap<Entry>): number[] {
  const ids: number[] = [];
  for (let e = heap.pop(); e !== undefined; e = heap.pop()) ids.push(e.id);
  return ids;
}

describe("EventHeap", () => {
  it("pops by time, then priority, then insertion order", () => {
    const heap = new EventHeap<Entry>();
    heap.push(entry(0, 2));
    heap.push(entry(1, 1, 5));
    heap.push(entry(2, 1, -1));
    heap.push(entry(3, 1, 5));
    heap.push(entry(4, 0.5));
    expect(drain(heap)).toEqual([4, 2, 1, 3, 0]);
  });

  it("returns undefined when empty", () => {
    const heap = new EventHeap<Entry>();
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
    expect(heap.popDue(10)).toBeUndefined();
    expect(heap.size).toBe(0);
  });

  it("skips cancelled entries and counts only live ones", () => {
    const heap = new EventHeap<Entry>();
    const a = entry(0, 1);
    const b = entry(1, 2);
    heap.push(a);
    heap.push(b);
    expect(heap.cancel(a)).toBe(true);
    expect(heap.cancel(a)).toBe(false);
    expect(heap.size).toBe(1);
    expect(heap.peek()).toBe(b);
    expect(heap.pop()).toBe(b);
    expect(heap.cancel(b)).toBe(false); // already popped
    expect(heap.size).toBe(0);
    expect(heap.pop()).toBeUndefined();
  });

  it("popDue leaves entries after the limit in place", () => {
    const heap = new EventHeap<Entry>();
    heap.push(entry(0, 1));
    heap.push(entry(1, 3));
    expect(heap.popDue(2)?.id).toBe(0);
    expect(heap.popDue(2)).toBeUndefined();
    expect(heap.size).toBe(1);
    expect(heap.popDue(3)?.id).toBe(1);
  });

  it("refuses to queue an entry twice", () => {
    const heap = new EventHeap<Entry>();
    const a = entry(0, 1);
    heap.push(a);
    expect(() => heap.push(a)).toThrow(/already queued/);
  });

  it("compacts when most entries are cancelled and keeps the order", () => {
    const heap = new EventHeap<Entry>();
    const entries: Entry[] = [];
    for (let i = 0; i < 5000; i++) {
      const e = entry(i, (i * 7919) % 5000, i % 3);
      entries.push(e);
      heap.push(e);
    }
    const kept = entries.filter((e) => e.id % 10 === 0);
    for (const e of entries) if (e.id % 10 !== 0) heap.cancel(e);
    expect(heap.size).toBe(kept.length);
    expect(heap.slots).toBeLessThan(entries.length);
    kept.sort((x, y) => x.timeS - y.timeS || x.priority - y.priority || x.seq - y.seq);
    expect(drain(heap)).toEqual(kept.map((e) => e.id));
  });

  it("grows past its initial capacity", () => {
    const heap = new EventHeap<Entry>();
    for (let i = 999; i >= 0; i--) heap.push(entry(i, i));
    expect(drain(heap)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });
});
