/**
 * Memoized cost tables shared by every serving replay in this process that prices the same
 * hardware profile, model shape and tensor-parallel degree: a sweep's points (batch limits,
 * schedulers, traces, policies) replay the same model on the same part, and each would otherwise
 * price every token count again (measured: a third of a 1000-request point's time). The tables
 * hold pure functions of that content (looked up by its JSON, not by object or name, so an edited
 * or hypothetical profile never reads another's numbers). The most recently used few are kept.
 */
const KEPT = 16;

export class SharedTables<T> {
  private readonly byKey = new Map<string, T>();

  constructor(private readonly kept: number = KEPT) {}

  /** The tables for this content, made by `make` the first time (or after being dropped). */
  get(content: unknown, make: () => T): T {
    const key = JSON.stringify(content);
    let tables = this.byKey.get(key);
    if (tables === undefined) {
      tables = make();
      if (this.byKey.size >= this.kept) {
        const oldest = this.byKey.keys().next().value as string;
        this.byKey.delete(oldest);
      }
    } else {
      this.byKey.delete(key);
    }
    this.byKey.set(key, tables);
    return tables;
  }

  get size(): number {
    return this.byKey.size;
  }
}
