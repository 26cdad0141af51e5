// Calls to the Kubernetes API through the console's proxy, which adds the user's identity.

export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  creationTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface KubeObject {
  metadata: ObjectMeta;
}

/** What a call was for, so that a refusal can say what was not allowed. */
export interface Attempt {
  verb: string;
  resource: string;
  /** undefined: all namespaces, or a cluster-scoped resource */
  namespace?: string;
}

/** A refused or failed call, with the API server's Status message. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly serverMessage: string,
    readonly attempt: Attempt,
  ) {
    super(describe(code, serverMessage, attempt));
  }

  get forbidden(): boolean {
    return this.code === 403;
  }
}

function describe(code: number, serverMessage: string, attempt: Attempt): string {
  const where = attempt.namespace ? `in namespace "${attempt.namespace}"` : 'in all namespaces';
  if (code === 403) {
    return `Not allowed: you may not ${attempt.verb} ${attempt.resource} ${where}. `
      + `Ask your cluster administrator for a Role that grants it. (${serverMessage})`;
  }
  if (code === 401) {
    return `The API server did not accept your credentials (${serverMessage}). Check your kubeconfig, then reload.`;
  }
  return `Could not ${attempt.verb} ${attempt.resource} ${where}: ${serverMessage || `HTTP ${code}`}`;
}

/** The error a non-2xx response stands for, from its Status body when it has one. */
export async function apiError(response: Response, attempt: Attempt): Promise<ApiError> {
  let message = '';
  try {
    const status = JSON.parse(await response.text());
    message = typeof status.message === 'string' ? status.message : '';
  } catch {
    // not a Status: the code says enough
  }
  return new ApiError(response.status, message, attempt);
}

export async function request<T>(
  path: string,
  attempt: Attempt,
  init: RequestInit = {},
  fetchFn: typeof fetch = fetch,
): Promise<T> {
  const response = await fetchFn(path, { ...init, headers: { Accept: 'application/json', ...init.headers } });
  if (!response.ok) {
    throw await apiError(response, attempt);
  }
  return response.json() as Promise<T>;
}

export const CRONIUM = '/apis/cronium.io/v1alpha1';

/** The path of a namespaced resource's collection; all namespaces when namespace is empty. */
export function collection(group: string, plural: string, namespace?: string): string {
  return namespace ? `${group}/namespaces/${encodeURIComponent(namespace)}/${plural}` : `${group}/${plural}`;
}

export function mergePatch(path: string, patch: unknown, attempt: Attempt): Promise<unknown> {
  return request(path, attempt, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json' },
    body: JSON.stringify(patch),
  });
}

export function create<T>(path: string, object: unknown, attempt: Attempt): Promise<T> {
  return request<T>(path, attempt, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(object),
  });
}

/** Why a fetch was stopped by the page itself (navigation), not by the network. */
export function aborted(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Waits, or stops waiting when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Reads a streamed body line by line (a line ends at '\n' only), as it arrives. */
export async function readLines(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
): Promise<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      return pending + decoder.decode();
    }
    pending += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      onLine(pending.substring(0, end));
      pending = pending.substring(end + 1);
    }
  }
}
