/**
 * Seeded random streams. Each stream is an independent Alea generator seeded from the scenario
 * seed and the stream's name, so a stream's values never depend on which other streams exist.
 */
import seedrandom from "seedrandom";

/**
 * Seed string for stream `streamName` under `scenarioSeed`. The seed's length prefix keeps the
 * encoding unambiguous ("a/b" + "c" differs from "a" + "b/c").
 */
export function deriveSeed(scenarioSeed: number | string, streamName: string): string {
  const seed = String(scenarioSeed);
  return `${seed.length}:${seed}/${streamName}`;
}

export class RngStream {
  private readonly prng: seedrandom.PRNG;
  /** Second Box-Muller variate, kept so each pair of uniforms yields two normals. */
  private spareNormal = 0;
  private hasSpare = false;

  constructor(readonly seed: string) {
    this.prng = seedrandom.alea(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.prng();
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    if (!(hi >= lo)) throw new RangeError(`uniform: need lo <= hi, got lo=${lo}, hi=${hi}`);
    return lo + (hi - lo) * this.prng();
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    if (!(rate > 0) || rate === Infinity)
      throw new RangeError(`exponential: rate must be positive and finite, got ${rate}`);
    // 1 - u is in (0, 1], so the log is finite.
    return -Math.log(1 - this.prng()) / rate;
  }

  /** Normal via Box-Muller; deterministic given the stream's history. */
  normal(mean = 0, sd = 1): number {
    if (!(sd >= 0)) throw new RangeError(`normal: sd must be >= 0, got ${sd}`);
    return mean + sd * this.standardNormal();
  }

  /** Gamma(shape, scale) by Marsaglia-Tsang; mean shape * scale. */
  gamma(shape: number, scale = 1): number {
    if (!(shape > 0) || shape === Infinity)
      throw new RangeError(`gamma: shape must be positive and finite, got ${shape}`);
    if (!(scale > 0) || scale === Infinity)
      throw new RangeError(`gamma: scale must be positive and finite, got ${scale}`);
    if (shape < 1) {
      // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
      const u = 1 - this.prng();
      return this.gamma(shape + 1, scale) * Math.pow(u, 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.standardNormal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = 1 - this.prng();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
    }
  }

  /** Uniform integer in [lo, hiInclusive]. */
  int(lo: number, hiInclusive: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hiInclusive) || hiInclusive < lo)
      throw new RangeError(`int: need integers lo <= hi, got lo=${lo}, hi=${hiInclusive}`);
    const span = hiInclusive - lo + 1;
    // Alea's plain output has 32 bits; wider ranges need its 53-bit variant to reach every value.
    const u = span > 0x100000000 ? this.prng.double() : this.prng();
    return lo + Math.floor(u * span);
  }

  /** Uniformly chosen element of a non-empty array. */
  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("choice: array is empty");
    return items[Math.floor(this.prng() * items.length)] as T;
  }

  private standardNormal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spareNormal;
    }
    const u1 = 1 - this.prng(); // (0, 1]: log is finite
    const u2 = this.prng();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spareNormal = r * Math.sin(theta);
    this.hasSpare = true;
    return r * Math.cos(theta);
  }
}
