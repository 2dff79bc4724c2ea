/**
 * A small seeded generator (mulberry32): the same seed gives the same stream,
 * so generated data sets and fault sequences repeat from run to run.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** 32 random bits as an unsigned integer. */
  uint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /** A copy of `items` in random order (Fisher-Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let i = result.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [result[i], result[j]] = [result[j] as T, result[i] as T];
    }
    return result;
  }

  /** A version-4 UUID in lower case, from this generator's stream. */
  uuid(): string {
    const [a, b, c, d] = [this.uint32(), this.uint32(), this.uint32(), this.uint32()];
    return (
      hex32(a) + '-' + hex16(b >>> 16) + '-' + hex16(((b & 0x0fff) | 0x4000) >>> 0) + '-' +
      hex16(((c >>> 16) & 0x3fff) | 0x8000) + '-' + hex16(c & 0xffff) + hex32(d)
    );
  }
}

// Number#toString(16) per UUID dominated generating ten thousand candidates; a byte table is several times faster.
const HEX_BYTE = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function hex16(word: number): string {
  return (HEX_BYTE[(word >>> 8) & 0xff] as string) + HEX_BYTE[word & 0xff];
}

function hex32(word: number): string {
  return hex16(word >>> 16) + hex16(word & 0xffff);
}
