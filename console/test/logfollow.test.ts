// The log view's follower against scripted answers: every line once, in order, across drops,
// refusals and the two ways of reading a log.
import { describe, expect, it } from 'vitest';
import { LogFollower, LogState } from '../src/logfollow';
import { Backoff } from '../src/resume';

const RUN = '/apis/cronium.io/v1alpha1/namespaces/team-a/jobruns/ticker-1';
const LOG_API = '/apis/logs.cronium.io/v1alpha1';
const RUN_LOG = `${LOG_API}/namespaces/team-a/jobruns/ticker-1/log`;
const POD_LOG = '/api/v1/namespaces/team-a/pods/ticker-1-pod/log';

type Answer = () => Response;

/** A body that sends its chunks, then breaks as a cut connection does (or ends when `breaks` is false). */
function stream(chunks: string[], breaks: boolean): Response {
  const encoder = new TextEncoder();
  const rest = [...chunks];
  return new Response(new ReadableStream<Uint8Array>({
    // One chunk per read, so that a break comes after the chunks were read, as on a real wire.
    pull(controller) {
      if (rest.length > 0) {
        controller.enqueue(encoder.encode(rest.shift()!));
      } else if (breaks) {
        controller.error(new TypeError('network error'));
      } else {
        controller.close();
      }
    },
  }));
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status });
const run = (phase: string, extra: object = {}) => () => json({ metadata: { name: 'ticker-1' }, spec: {}, status: { phase, podName: 'ticker-1-pod', ...extra } });

/** Answers each path from its own queue; the last answer of a queue repeats. */
class Cluster {
  readonly requests: string[] = [];
  private readonly answers = new Map<string, Answer[]>();

  on(path: string, ...answers: Answer[]): this {
    this.answers.set(path, answers);
    return this;
  }

  readonly fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    this.requests.push(url);
    const queue = this.answers.get(url.split('?')[0]);
    if (!queue) {
      return json({ kind: 'Status', code: 404, message: 'not found' }, 404);
    }
    return (queue.length > 1 ? queue.shift()! : queue[0])();
  }) as typeof fetch;
}

async function follow(cluster: Cluster) {
  const lines: string[] = [];
  const states: LogState[] = [];
  await new LogFollower('team-a', 'ticker-1', (line) => lines.push(line), (state) => states.push(state),
    new AbortController().signal,
    { fetch: cluster.fetch, backoff: () => new Backoff(1, 2, () => 0), sleep: async () => {} }).run();
  return { lines, states: states.map((state) => state.kind), last: states[states.length - 1] };
}

const served = () => json({ resources: [{ name: 'jobruns' }, { name: 'jobruns/log' }] });

describe('LogFollower', () => {
  it('resumes a broken stream from the last line\'s second and shows every line once', async () => {
    const cluster = new Cluster()
      .on(LOG_API, served)
      .on(RUN, run('Running'), run('Running'), run('Succeeded'))
      .on(RUN_LOG,
        () => stream(['2026-12-04T10:00:01.100Z line 1\n2026-12-04T10:00:02.100Z line 2\n',
          '2026-12-04T10:00:02.600Z line 3\n2026-12-04T10:00:03.1'], true),
        () => stream(['2026-12-04T10:00:02.100Z line 2\n2026-12-04T10:00:02.600Z line 3\n',
          '2026-12-04T10:00:03.100Z line 4\n'], false));

    const { lines, states, last } = await follow(cluster);

    expect(lines).toEqual(['line 1', 'line 2', 'line 3', 'line 4']);
    expect(states).toContain('reconnecting');
    expect(last.kind).toBe('ended');
    const logReads = cluster.requests.filter((url) => url.startsWith(RUN_LOG));
    expect(logReads[0]).toBe(`${RUN_LOG}?timestamps=true&follow=true`);
    expect(logReads[1]).toBe(`${RUN_LOG}?timestamps=true&follow=true&sinceTime=2026-12-04T10%3A00%3A02Z`);
  });

  it('drops lines sharing the last timestamp only as often as they were shown', async () => {
    const cluster = new Cluster()
      .on(LOG_API, served)
      .on(RUN, run('Running'), run('Running'), run('Succeeded'))
      .on(RUN_LOG,
        () => stream(['2026-12-04T10:00:01.5Z a\n2026-12-04T10:00:01.5Z b\n'], true),
        () => stream(['2026-12-04T10:00:01.5Z a\n2026-12-04T10:00:01.5Z b\n2026-12-04T10:00:01.5Z c\n'], false));

    expect((await follow(cluster)).lines).toEqual(['a', 'b', 'c']);
  });

  it('polls every 2 s, without follow, when the stream is refused, and says so', async () => {
    const refused = () => json({ kind: 'Status', code: 502, message: 'streaming blocked' }, 502);
    const cluster = new Cluster()
      .on(LOG_API, served)
      .on(RUN, run('Running'), run('Running'), run('Running'), run('Running'), run('Succeeded'))
      .on(RUN_LOG, refused, refused,
        () => stream(['2026-12-04T10:00:01.1Z one\n'], false),
        () => stream(['2026-12-04T10:00:01.1Z one\n2026-12-04T10:00:02.1Z two\n'], false));

    const { lines, states, last } = await follow(cluster);

    expect(lines).toEqual(['one', 'two']);
    expect(states).toContain('polling');
    expect(last.kind).toBe('ended');
    const polls = cluster.requests.filter((url) => url.startsWith(RUN_LOG)).slice(2);
    expect(polls.every((url) => !url.includes('follow'))).toBe(true);
  });

  it('reads pods/log when the log API is not served, then the kept tail once the Pod is gone', async () => {
    const cluster = new Cluster()
      .on(RUN, run('Running'), run('Succeeded', { logTail: 'one\ntwo\nthree\nfour\n' }))
      .on(POD_LOG, () => stream(['2026-12-04T10:00:01.1Z one\n2026-12-04T10:00:02.1Z two\n',
        '2026-12-04T10:00:03.1Z three\n'], true),
      () => json({ kind: 'Status', code: 404, message: 'pods "ticker-1-pod" not found' }, 404));

    const { lines, last } = await follow(cluster);

    expect(cluster.requests.find((url) => url.startsWith(POD_LOG)))
      .toBe(`${POD_LOG}?container=runtime&timestamps=true&follow=true`);
    expect(lines).toEqual(['one', 'two', 'three', 'four']);
    expect(last.kind).toBe('ended');
  });

  it('says what was not allowed when the log is forbidden', async () => {
    const cluster = new Cluster()
      .on(LOG_API, served)
      .on(RUN, run('Running'))
      .on(RUN_LOG, () => json({ kind: 'Status', code: 403, message: 'User "ann" cannot get resource "jobruns/log"' }, 403));

    const { last } = await follow(cluster);

    expect(last.kind).toBe('failed');
    expect(last.kind === 'failed' && last.error.message).toContain(
      'Not allowed: you may not get jobruns/log (logs.cronium.io) in namespace "team-a"');
  });
});
