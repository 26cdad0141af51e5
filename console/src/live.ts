// How a page keeps itself current: a list, then a watch that resumes after a drop, or polling
// every 2 s when the watch cannot stream (a proxy refusing it, a watch RBAC refuses).
import { aborted, ApiError, apiError, Attempt, KubeObject, readLines, request, sleep } from './kube';
import { Backoff } from './resume';

export const POLL_MS = 2000;
/** Streams refused this many times in a row (by an answer, not a broken connection) mean polling. */
export const REFUSALS_BEFORE_POLLING = 2;

export type LiveState =
  | { kind: 'connecting' }
  | { kind: 'live' }
  | { kind: 'reconnecting'; retryMs: number }
  | { kind: 'polling'; why: string }
  | { kind: 'failed'; error: ApiError };

interface List<T> {
  metadata: { resourceVersion?: string };
  items: T[];
}

const keyOf = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/**
 * Keeps the objects of one collection current. `path` is the collection's path, `selector` extra
 * query parameters (labelSelector, fieldSelector).
 */
export class ListWatch<T extends KubeObject> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly path: string,
    private readonly selector: URLSearchParams,
    private readonly attempt: Omit<Attempt, 'verb'>,
    private readonly onItems: (items: T[]) => void,
    private readonly onState: (state: LiveState) => void,
    private readonly signal: AbortSignal,
  ) {}

  async run(): Promise<void> {
    const backoff = new Backoff();
    let resourceVersion: string | undefined;
    let refusals = 0;
    let pollingWhy: string | undefined;
    this.onState({ kind: 'connecting' });
    while (!this.signal.aborted) {
      try {
        if (resourceVersion === undefined || pollingWhy !== undefined) {
          resourceVersion = await this.list();
          backoff.reset();
        }
        if (pollingWhy !== undefined) {
          this.onState({ kind: 'polling', why: pollingWhy });
          await sleep(POLL_MS, this.signal);
          continue;
        }
        const query = new URLSearchParams(this.selector);
        query.set('watch', '1');
        query.set('resourceVersion', resourceVersion);
        query.set('allowWatchBookmarks', 'true');
        const response = await fetch(`${this.path}?${query}`, { signal: this.signal });
        if (!response.ok) {
          const error = await apiError(response, { ...this.attempt, verb: 'watch' });
          if (error.code === 410) {
            resourceVersion = undefined;
          } else if (error.forbidden || ++refusals >= REFUSALS_BEFORE_POLLING) {
            pollingWhy = error.message;
          } else {
            await this.waitToReconnect(backoff);
          }
          continue;
        }
        refusals = 0;
        this.onState({ kind: 'live' });
        await readLines(response.body!, (line) => {
          if (line.trim() === '') {
            return;
          }
          const event = JSON.parse(line) as { type: string; object: T & { code?: number } };
          if (event.type === 'ERROR') {
            // Mostly 410 Gone: the version is too old to watch from; list again.
            resourceVersion = undefined;
            return;
          }
          if (resourceVersion !== undefined) {
            resourceVersion = event.object.metadata.resourceVersion ?? resourceVersion;
          }
          if (event.type === 'ADDED' || event.type === 'MODIFIED') {
            this.items.set(keyOf(event.object), event.object);
          } else if (event.type === 'DELETED') {
            this.items.delete(keyOf(event.object));
          }
          if (event.type !== 'BOOKMARK') {
            this.publish();
          }
          backoff.reset();
        });
        // The API server ends every watch after a while: watch on from where this one stopped.
      } catch (error) {
        if (aborted(error) || this.signal.aborted) {
          return;
        }
        if (error instanceof ApiError && (error.forbidden || error.code === 401 || error.code === 404)) {
          this.onState({ kind: 'failed', error });
          return;
        }
        await this.waitToReconnect(backoff);
      }
    }
  }

  private async waitToReconnect(backoff: Backoff): Promise<void> {
    const retryMs = backoff.next();
    this.onState({ kind: 'reconnecting', retryMs });
    await sleep(retryMs, this.signal);
  }

  private async list(): Promise<string> {
    const list = await request<List<T>>(`${this.path}?${this.selector}`, { ...this.attempt, verb: 'list' },
      { signal: this.signal });
    this.items.clear();
    for (const item of list.items) {
      this.items.set(keyOf(item), item);
    }
    this.publish();
    return list.metadata.resourceVersion ?? '';
  }

  private publish(): void {
    this.onItems([...this.items.values()]);
  }
}
