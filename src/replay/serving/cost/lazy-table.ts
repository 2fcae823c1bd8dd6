/**
 * A memo of numbers indexed 0..n, in 1024-entry pages allocated on first write, so a table
 * sized for a 131,072-token budget costs only the pages an actual run touches. NaN = unset.
 */
const PAGE_BITS = 10;
const PAGE = 1 << PAGE_BITS;

export class LazyTable {
  private readonly pages: (Float64Array | undefined)[] = [];

  get(i: number): number {
    const page = this.pages[i >> PAGE_BITS];
    return page === undefined ? NaN : (page[i & (PAGE - 1)] as number);
  }

  set(i: number, value: number): void {
    let page = this.pages[i >> PAGE_BITS];
    if (page === undefined) {
      page = new Float64Array(PAGE).fill(NaN);
      this.pages[i >> PAGE_BITS] = page;
    }
    page[i & (PAGE - 1)] = value;
  }
}
