/** A clock tests move by hand: every call returns the current instant. */
export class TestClock {
  private millis: number;

  constructor(start = '2026-11-28T10:00:00.000Z') {
    this.millis = Date.parse(start);
  }

  readonly now = (): Date => new Date(this.millis);

  advance(ms: number): void {
    this.millis += ms;
  }

  iso(): string {
    return new Date(this.millis).toISOString();
  }
}
