/**
 * The paged KV cache's block pool: a sequence holding n tokens of K/V holds ceil(n / blockTokens)
 * blocks (no prefix sharing). Blocks are counted, not placed: which physical block holds what
 * does not change time or energy.
 */
import type { Sequence } from "./sequence.js";

export class KvCache {
  private used = 0;
  /** Most blocks ever in use at once. */
  peakUsedBlocks = 0;

  constructor(
    readonly capacityBlocks: number,
    readonly blockTokens: number,
  ) {
    if (!(Number.isSafeInteger(capacityBlocks) && capacityBlocks > 0))
      throw new RangeError(`KV cache needs a positive block count, got ${capacityBlocks}`);
  }

  get usedBlocks(): number {
    return this.used;
  }

  get freeBlocks(): number {
    return this.capacityBlocks - this.used;
  }

  blocksFor(tokens: number): number {
    return Math.ceil(tokens / this.blockTokens);
  }

  /** New blocks `seq` needs to add `newTokens` to its cached tokens. */
  blocksNeeded(seq: Sequence, newTokens: number): number {
    return Math.max(0, this.blocksFor(seq.numComputed + newTokens) - seq.blocks);
  }

  canAppend(seq: Sequence, newTokens: number): boolean {
    return this.blocksNeeded(seq, newTokens) <= this.capacityBlocks - this.used;
  }

  /** Gives `seq` the blocks for `newTokens` more tokens; the caller checked `canAppend`. */
  allocate(seq: Sequence, newTokens: number): void {
    const need = this.blocksNeeded(seq, newTokens);
    this.used += need;
    if (this.used > this.capacityBlocks)
      throw new Error(`KV cache over capacity: ${this.used} > ${this.capacityBlocks} blocks`);
    if (this.used > this.peakUsedBlocks) this.peakUsedBlocks = this.used;
    seq.blocks += need;
  }

  free(seq: Sequence): void {
    this.used -= seq.blocks;
    seq.blocks = 0;
    if (this.used < 0) throw new Error(`KV cache freed more blocks than it held`);
  }
}
