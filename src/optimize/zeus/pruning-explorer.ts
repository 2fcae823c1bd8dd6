/**
 * Zeus' pruning exploration of batch sizes, before Thompson sampling starts: in each of two
 * rounds, try b0 then smaller batch sizes in turn until one fails to reach the target, then larger
 * ones from b0 until one fails. Only batch sizes that reached the target survive a round, and the
 * next round starts from the one that cost least. It ends with the survivors (b0 among them
 * unless it failed), each tried once per round.
 */
export class PruningExplorer {
  private candidates: number[];
  /** Where the next round starts: b0, then the cheapest batch size of the last round. */
  private pivot: number;
  /** The pivot the current round started from (`pivot` moves to the cheapest during a round). */
  private roundPivot = 0;
  private round = 0;
  private queue: number[] = [];
  private direction: "down" | "up" = "down";
  private good: number[] = [];
  private bestCostJ = Infinity;

  constructor(
    batchSizes: readonly number[],
    defaultBatchSize: number,
    private readonly rounds = 2,
  ) {
    this.candidates = [...batchSizes].sort((a, b) => a - b);
    if (!this.candidates.includes(defaultBatchSize))
      throw new RangeError(`PruningExplorer: b0 ${defaultBatchSize} is not a candidate`);
    this.pivot = defaultBatchSize;
    this.startRound();
  }

  /** The batch size to try next, or undefined when exploration is over. */
  next(): number | undefined {
    return this.round < this.rounds ? this.queue[0] : undefined;
  }

  /** The survivors once exploration is over. */
  survivors(): number[] {
    return [...this.candidates];
  }

  report(batchSize: number, costJ: number, reached: boolean): void {
    if (this.queue[0] !== batchSize)
      throw new RangeError(`PruningExplorer: expected ${String(this.queue[0])}, got ${batchSize}`);
    this.queue.shift();
    if (reached) {
      this.good.push(batchSize);
      if (costJ < this.bestCostJ) {
        this.bestCostJ = costJ;
        this.pivot = batchSize;
      }
    } else {
      this.queue = [];
    }
    this.settle();
  }

  /** Moves on (down -> up -> next round) until there is a batch size to try or rounds are over. */
  private settle(): void {
    while (this.queue.length === 0 && this.round < this.rounds) {
      if (this.direction === "down") {
        this.direction = "up";
        this.queue = this.candidates.filter((b) => b > this.roundPivot);
        continue;
      }
      this.candidates = [...this.good].sort((a, b) => a - b);
      this.round++;
      if (this.round < this.rounds) this.startRound();
    }
  }

  private startRound(): void {
    this.roundPivot = this.pivot;
    this.direction = "down";
    this.good = [];
    this.bestCostJ = Infinity;
    this.queue = this.candidates.filter((b) => b <= this.pivot).reverse();
    this.settle();
  }
}
