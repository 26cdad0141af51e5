// A run's log, followed live as `kubectl cronium logs -f` follows it (docs/logs.md): through the
// log API when the cluster serves it, else the Pod's pods/log; reopened after a drop with
// backoff and jitter from the last printed line's second (resume.ts drops what was printed);
// polling every 2 s when the stream is refused.
import { isTerminal, JobRun, jobRuns } from './cronium';
import { aborted, ApiError, apiError, Attempt, readLines, request, sleep } from './kube';
import { REFUSALS_BEFORE_POLLING, POLL_MS } from './live';
import { Backoff, parseTimestampedLine, RecentLines, ResumePoint, storedTailLines } from './resume';

const LOG_API = '/apis/logs.cronium.io/v1alpha1';
/** The job Pod's container (JobPodBuilder.CONTAINER_NAME). */
const CONTAINER = 'runtime';

export type LogState =
  | { kind: 'connecting' }
  | { kind: 'waiting' }
  | { kind: 'live'; through: string }
  | { kind: 'reconnecting'; retryMs: number }
  | { kind: 'polling'; why: string }
  | { kind: 'ended' }
  | { kind: 'failed'; error: ApiError };

export interface FollowOptions {
  fetch?: typeof fetch;
  backoff?: () => Backoff;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

/** Whether the cluster serves the log API: its group version lists jobruns/log (LogApiClient.served). */
export async function logApiServed(fetchFn: typeof fetch, signal: AbortSignal): Promise<boolean> {
  try {
    const discovery = await fetchFn(LOG_API, { signal, headers: { Accept: 'application/json' } });
    return discovery.ok && (await discovery.text()).includes('"jobruns/log"');
  } catch (error) {
    if (aborted(error)) {
      throw error;
    }
    return false;
  }
}

/**
 * One response's lines: timestamped lines are the Pod's, the others the stored tail's, which a
 * reopened stream sends first when the Pod went meanwhile (continued after what was printed).
 */
class Connection {
  private readonly printedBefore: boolean;
  private readonly leadingTail: string[] = [];
  private timedLineSeen = false;
  delivered = 0;

  constructor(
    private readonly resume: ResumePoint,
    private readonly recent: RecentLines,
    private readonly sink: (text: string) => void,
  ) {
    this.printedBefore = !recent.isEmpty();
  }

  accept(raw: string): void {
    const timed = parseTimestampedLine(raw);
    if (timed) {
      this.flushLeadingTail();
      this.timedLineSeen = true;
      if (this.resume.admit(timed.timestamp)) {
        this.deliver(timed.text);
      }
    } else if (this.timedLineSeen || !this.printedBefore) {
      this.deliver(raw);
    } else {
      this.leadingTail.push(raw);
    }
  }

  finish(): void {
    this.flushLeadingTail();
  }

  private flushLeadingTail(): void {
    if (this.leadingTail.length > 0) {
      this.recent.continuedBy(this.leadingTail.join('\n')).forEach((text) => this.deliver(text));
      this.leadingTail.length = 0;
    }
  }

  private deliver(text: string): void {
    this.sink(text);
    this.delivered++;
    this.recent.add(text);
  }
}

/** What one request ended with. */
type Outcome = 'complete' | 'broken' | 'refused' | 'gone' | 'not-started';

export class LogFollower {
  private readonly resume = new ResumePoint();
  private readonly recent = new RecentLines();
  private readonly fetchFn: typeof fetch;
  private readonly backoff: Backoff;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private refusals = 0;
  private pollingWhy: string | undefined;

  constructor(
    private readonly namespace: string,
    private readonly name: string,
    private readonly onLine: (text: string) => void,
    private readonly onState: (state: LogState) => void,
    private readonly signal: AbortSignal,
    options: FollowOptions = {},
  ) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.backoff = (options.backoff ?? (() => new Backoff()))();
    this.sleep = options.sleep ?? sleep;
  }

  /** Follows until the run has ended and its last line was shown, or the page goes. */
  async run(): Promise<void> {
    this.onState({ kind: 'connecting' });
    try {
      const throughLogApi = await logApiServed(this.fetchFn, this.signal);
      for (;;) {
        const run = await this.fetchRun();
        const endedBefore = isTerminal(run);
        const outcome = throughLogApi ? await this.readLogApi(!endedBefore) : await this.readPod(run, !endedBefore);
        if (outcome === 'gone' && endedBefore) {
          // Only pods/log: the Pod went; the run keeps its last lines.
          this.storedTail(run);
          break;
        }
        if (outcome === 'complete' && (endedBefore || isTerminal(await this.fetchRun()))) {
          break;
        }
        if (outcome === 'complete' && this.pollingWhy !== undefined) {
          this.onState({ kind: 'polling', why: this.pollingWhy });
          await this.sleep(POLL_MS, this.signal);
        } else if (outcome === 'not-started' || outcome === 'gone') {
          this.onState({ kind: 'waiting' });
          await this.sleep(this.backoff.next(), this.signal);
        } else {
          const retryMs = this.backoff.next();
          this.onState(this.pollingWhy === undefined || outcome === 'broken'
            ? { kind: 'reconnecting', retryMs } : { kind: 'polling', why: this.pollingWhy });
          await this.sleep(retryMs, this.signal);
        }
        if (this.signal.aborted) {
          return;
        }
      }
      this.onState({ kind: 'ended' });
    } catch (error) {
      if (aborted(error) || this.signal.aborted) {
        return;
      }
      if (error instanceof ApiError) {
        this.onState({ kind: 'failed', error });
        return;
      }
      throw error;
    }
  }

  private fetchRun(): Promise<JobRun> {
    return this.retrying(() => request<JobRun>(`${jobRuns(this.namespace)}/${encodeURIComponent(this.name)}`,
      { verb: 'get', resource: 'jobruns.cronium.io', namespace: this.namespace }, { signal: this.signal },
      this.fetchFn));
  }

  /** A call that waits out a broken connection (the API server or the console restarting). */
  private async retrying<T>(call: () => Promise<T>): Promise<T> {
    for (;;) {
      try {
        return await call();
      } catch (error) {
        if (aborted(error) || error instanceof ApiError) {
          throw error;
        }
        const retryMs = this.backoff.next();
        this.onState({ kind: 'reconnecting', retryMs });
        await this.sleep(retryMs, this.signal);
      }
    }
  }

  private readLogApi(follow: boolean): Promise<Outcome> {
    const path = `${LOG_API}/namespaces/${encodeURIComponent(this.namespace)}/jobruns/${encodeURIComponent(this.name)}/log`;
    return this.read(path, new URLSearchParams(), follow, 'the log API',
      { verb: 'get', resource: 'jobruns/log (logs.cronium.io)', namespace: this.namespace });
  }

  private readPod(run: JobRun, follow: boolean): Promise<Outcome> {
    const pod = run.status?.podName;
    if (!pod) {
      return Promise.resolve(isTerminal(run) ? 'gone' : 'not-started');
    }
    const path = `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/pods/${encodeURIComponent(pod)}/log`;
    return this.read(path, new URLSearchParams({ container: CONTAINER }), follow, 'pods/log',
      { verb: 'get', resource: 'pods/log', namespace: this.namespace });
  }

  private async read(path: string, query: URLSearchParams, runLive: boolean, through: string,
    attempt: Attempt): Promise<Outcome> {
    const streaming = runLive && this.pollingWhy === undefined;
    query.set('timestamps', 'true');
    if (streaming) {
      query.set('follow', 'true');
    }
    const since = this.resume.sinceTime();
    if (since) {
      query.set('sinceTime', since);
    }
    this.resume.reconnect();
    let response: Response;
    try {
      response = await this.fetchFn(`${path}?${query}`, { signal: this.signal });
    } catch (error) {
      if (aborted(error)) {
        throw error;
      }
      return 'broken';
    }
    if (!response.ok) {
      const error = await apiError(response, attempt);
      if (error.code === 404 && through === 'pods/log') {
        return 'gone';
      }
      if (error.code === 400 && through === 'pods/log') {
        return 'not-started';
      }
      if ([400, 401, 403, 404].includes(error.code)) {
        throw error;
      }
      if (streaming && ++this.refusals >= REFUSALS_BEFORE_POLLING) {
        this.pollingWhy = `${through} refused to stream: ${error.message}`;
      }
      return 'refused';
    }
    this.refusals = 0;
    if (streaming) {
      this.onState({ kind: 'live', through });
    }
    const connection = new Connection(this.resume, this.recent, this.onLine);
    try {
      const partial = await readLines(response.body!, (line) => {
        connection.accept(line);
        if (connection.delivered > 0) {
          this.backoff.reset();
        }
      });
      // A last line without its line break: a followed stream ends with the log, so it is whole;
      // a poll of a live run may have caught it half-written, and reads it again next time.
      if (partial !== '' && (streaming || !runLive)) {
        connection.accept(partial);
      }
      connection.finish();
      return 'complete';
    } catch (error) {
      if (aborted(error)) {
        throw error;
      }
      return 'broken';
    }
  }

  /** The run's kept tail, after the lines already shown (all of it when none were). */
  private storedTail(run: JobRun): void {
    const tail = run.status?.logTail;
    const lines = this.recent.isEmpty() ? storedTailLines(tail) : this.recent.continuedBy(tail);
    lines.forEach((line) => {
      this.onLine(line);
      this.recent.add(line);
    });
  }
}
