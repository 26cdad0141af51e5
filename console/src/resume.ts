// The resume rule of `kubectl cronium logs -f` (docs/logs.md), mirrored from
// src/main/java/io/cronium/operator/logs/ (ResumePoint, TimestampedLine, StoredTail, Backoff).
// It is the one place the console repeats it; test/resume.test.ts pins the same cases.

/** An RFC 3339 instant with the nanoseconds pods/log prints, comparable exactly. */
export interface Instant {
  /** nanoseconds since the epoch */
  readonly nanos: bigint;
}

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)$/i;

export function parseInstant(text: string): Instant | undefined {
  const match = RFC3339.exec(text);
  if (!match) {
    return undefined;
  }
  const seconds = Date.parse(match[1] + (match[3].toUpperCase() === 'Z' ? 'Z' : match[3]));
  if (Number.isNaN(seconds)) {
    return undefined;
  }
  const fraction = (match[2] ?? '').padEnd(9, '0');
  return { nanos: BigInt(seconds / 1000) * 1_000_000_000n + BigInt(fraction) };
}

/** The instant cut to its second, as sinceTime takes it: 2026-12-03T10:00:00Z. */
export function secondOf(instant: Instant): string {
  const seconds = instant.nanos / 1_000_000_000n - (instant.nanos < 0n && instant.nanos % 1_000_000_000n !== 0n ? 1n : 0n);
  return new Date(Number(seconds) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A line of pods/log?timestamps=true: an RFC 3339 timestamp, a space, the text. */
export interface TimestampedLine {
  timestamp: Instant;
  text: string;
}

export function parseTimestampedLine(line: string): TimestampedLine | undefined {
  const space = line.indexOf(' ');
  const stamp = space < 0 ? line : line.substring(0, space);
  const timestamp = parseInstant(stamp);
  return timestamp && { timestamp, text: space < 0 ? '' : line.substring(space + 1) };
}

/**
 * Where a followed log stands, so that a reconnect neither repeats nor loses a line. A resumed
 * request asks from the last printed line's second (sinceTime has second precision on the API
 * server) and every line at or before the last printed one is dropped — except lines sharing the
 * last timestamp that were not printed yet, counted here.
 */
export class ResumePoint {
  private last: Instant | undefined;
  private printedAtLast = 0;
  private replaysToSkip = 0;

  /** The sinceTime for the next request; undefined before anything was printed. */
  sinceTime(): string | undefined {
    return this.last && secondOf(this.last);
  }

  /** A new connection starts: it replays the lines printed at the last timestamp first. */
  reconnect(): void {
    this.replaysToSkip = this.printedAtLast;
  }

  /** Whether a line with this timestamp is new (and is now counted as printed). */
  admit(timestamp: Instant): boolean {
    if (this.last === undefined || timestamp.nanos > this.last.nanos) {
      this.last = timestamp;
      this.printedAtLast = 1;
      this.replaysToSkip = 0;
      return true;
    }
    if (timestamp.nanos !== this.last.nanos) {
      return false;
    }
    if (this.replaysToSkip > 0) {
      this.replaysToSkip--;
      return false;
    }
    this.printedAtLast++;
    return true;
  }
}

/** Printed lines remembered to find where the stored tail continues them. */
export const REMEMBERED = 20;
/** Fewer common lines than this could be a chance match (blank lines, repeated messages). */
const MIN_OVERLAP = 3;

/** The lines of a JobRun's status.logTail (no timestamps). */
export function storedTailLines(tail: string | undefined): string[] {
  if (!tail) {
    return [];
  }
  return (tail.endsWith('\n') ? tail.slice(0, -1) : tail).split('\n');
}

/**
 * The tail's lines after the last ones printed: found where the tail repeats the longest run of
 * recently printed lines (its latest occurrence). Empty when the tail does not continue them.
 */
export function storedTailAfter(recentlyPrinted: readonly string[], tail: string | undefined): string[] {
  const lines = storedTailLines(tail);
  const least = Math.min(MIN_OVERLAP, recentlyPrinted.length);
  for (let overlap = recentlyPrinted.length; overlap >= least && overlap > 0; overlap--) {
    const printed = recentlyPrinted.slice(recentlyPrinted.length - overlap);
    for (let end = lines.length; end >= overlap; end--) {
      if (printed.every((line, i) => lines[end - overlap + i] === line)) {
        return lines.slice(end);
      }
    }
  }
  return [];
}

/** The last lines a reader printed, at most REMEMBERED. */
export class RecentLines {
  private readonly lines: string[] = [];

  add(line: string): void {
    this.lines.push(line);
    if (this.lines.length > REMEMBERED) {
      this.lines.shift();
    }
  }

  isEmpty(): boolean {
    return this.lines.length === 0;
  }

  continuedBy(tail: string | undefined): string[] {
    return storedTailAfter(this.lines, tail);
  }
}

/**
 * Delays between reconnects: 200 ms doubling up to 10 s, each drawn from the upper half of its
 * step ("equal jitter") so that many pages cut at once do not come back in step.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly initialMs = 200,
    private readonly capMs = 10_000,
    private readonly random: () => number = Math.random,
  ) {}

  next(): number {
    const step = Math.min(this.capMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const half = Math.floor(step / 2);
    return half + Math.floor(this.random() * (step - half));
  }

  reset(): void {
    this.attempt = 0;
  }
}
