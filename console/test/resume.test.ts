// The cases of ResumePointTest, StoredTailTest and BackoffTest (src/test/java/io/cronium/operator/logs/),
// for the rule src/resume.ts mirrors, plus what JavaScript makes easy to get wrong: nanoseconds.
import { describe, expect, it } from 'vitest';
import {
  Backoff, parseInstant, parseTimestampedLine, RecentLines, ResumePoint, storedTailAfter, storedTailLines,
} from '../src/resume';

const at = (text: string) => parseInstant(text)!;
const T1 = at('2026-11-28T10:00:01.100Z');
const T2 = at('2026-11-28T10:00:01.200Z');
const T3 = at('2026-11-28T10:00:02.300Z');

describe('ResumePoint', () => {
  it('admits everything and asks from the start when fresh', () => {
    const point = new ResumePoint();
    expect(point.sinceTime()).toBeUndefined();
    expect(point.admit(T1)).toBe(true);
  });

  it('resumes from the last printed second and drops what was printed', () => {
    const point = new ResumePoint();
    point.admit(T1);
    point.admit(T2);

    point.reconnect();

    expect(point.sinceTime()).toBe('2026-11-28T10:00:01Z');
    expect(point.admit(T1)).toBe(false);
    expect(point.admit(T2)).toBe(false);
    expect(point.admit(T3)).toBe(true);
  });

  it('drops lines sharing the last timestamp only as often as they were printed', () => {
    const point = new ResumePoint();
    point.admit(T2);
    point.admit(T2);

    point.reconnect();

    expect(point.admit(T2)).toBe(false);
    expect(point.admit(T2)).toBe(false);
    expect(point.admit(T2)).toBe(true);
  });

  it('tells apart instants a millisecond clock would merge', () => {
    const point = new ResumePoint();
    point.admit(at('2026-11-28T10:00:01.000000001Z'));
    point.reconnect();

    expect(point.admit(at('2026-11-28T10:00:01.000000001Z'))).toBe(false);
    expect(point.admit(at('2026-11-28T10:00:01.000000002Z'))).toBe(true);
  });
});

describe('timestamped lines', () => {
  it('split at the first space, with offsets and nanoseconds', () => {
    const line = parseTimestampedLine('2026-11-28T11:00:01.123456789+01:00 hello world')!;
    expect(line.text).toBe('hello world');
    expect(line.timestamp.nanos).toBe(at('2026-11-28T10:00:01.123456789Z').nanos);
    expect(parseTimestampedLine('2026-11-28T10:00:01Z')!.text).toBe('');
  });

  it('are not lines of the stored tail', () => {
    expect(parseTimestampedLine('hello world')).toBeUndefined();
    expect(parseTimestampedLine('2026-11-28 hello')).toBeUndefined();
  });
});

describe('the stored tail', () => {
  const TAIL = 'a\nb\nc\nd\ne\nf\n';

  it('has its lines without the final line break', () => {
    expect(storedTailLines(TAIL)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(storedTailLines('')).toEqual([]);
    expect(storedTailLines(undefined)).toEqual([]);
  });

  it('continues after the lines already printed', () => {
    expect(storedTailAfter(['x', 'b', 'c', 'd'], TAIL)).toEqual(['e', 'f']);
    expect(storedTailAfter(['d', 'e', 'f'], TAIL)).toEqual([]);
  });

  it('counts the latest occurrence of repeated lines', () => {
    expect(storedTailAfter(['tock', 'tick', 'tock'], 'tick\ntock\ntick\ntock\ndone\n')).toEqual(['done']);
  });

  it('takes a single common line as no evidence', () => {
    expect(storedTailAfter(['p', 'q', 'c'], TAIL)).toEqual([]);
    expect(storedTailAfter(['u', 'v', 'w'], TAIL)).toEqual([]);
  });

  it('is matched against the last 20 printed lines', () => {
    const recent = new RecentLines();
    for (let i = 0; i < 30; i++) {
      recent.add(`line ${i}`);
    }
    expect(recent.continuedBy('line 27\nline 28\nline 29\nline 30\n')).toEqual(['line 30']);
  });
});

describe('Backoff', () => {
  const delays = (backoff: Backoff, count: number) => Array.from({ length: count }, () => backoff.next());

  it('doubles from 200 ms up to the 10 s cap', () => {
    expect(delays(new Backoff(200, 10_000, () => 0.999999), 9))
      .toEqual([199, 399, 799, 1599, 3199, 6399, 9999, 9999, 9999]);
  });

  it('keeps each delay in the upper half of its step', () => {
    expect(delays(new Backoff(200, 10_000, () => 0), 8)).toEqual([100, 200, 400, 800, 1600, 3200, 5000, 5000]);
  });

  it('starts again after progress', () => {
    const backoff = new Backoff(200, 10_000, () => 0);
    delays(backoff, 5);
    backoff.reset();
    expect(backoff.next()).toBe(100);
  });
});
