// The shapes of Cronium's resources the pages show (api/src/main/java/io/cronium/api/v1alpha1/).
import { CRONIUM, collection, KubeObject } from './kube';

export interface Condition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface RunSummary {
  name?: string;
  phase?: string;
  createdTime?: string;
  completionTime?: string;
  exitCode?: number;
}

export interface Incident {
  type: string;
  time?: string;
  slot?: string;
  message?: string;
}

export interface Event extends KubeObject {
  spec: {
    type?: string;
    schedule?: { cron?: string; interval?: string; timeZone?: string };
    suspend?: boolean;
    input?: unknown;
  };
  status?: {
    conditions?: Condition[];
    lastScheduleTime?: string;
    nextScheduleTime?: string;
    lastRun?: RunSummary;
    lastSuccessfulTime?: string;
    runCounts?: { succeeded?: number; failed?: number; timedOut?: number; cancelled?: number };
    incidents?: Incident[];
    active?: string[];
  };
}

export interface ActionRecord {
  index?: number;
  type?: string;
  state?: string;
  reason?: string;
  message?: string;
  jobRun?: string;
  time?: string;
}

export interface ToolSend {
  attempt?: number;
  tool?: string;
  type?: string;
  target?: string;
  outcome?: string;
  reason?: string;
  message?: string;
}

export interface JobRun extends KubeObject {
  spec: { eventRef?: { name?: string }; trigger?: string; input?: unknown; cancel?: boolean; scheduledTime?: string };
  status?: {
    phase?: string;
    conditions?: Condition[];
    reason?: string;
    message?: string;
    podName?: string;
    startTime?: string;
    completionTime?: string;
    exitCode?: number;
    output?: unknown;
    outputTruncated?: boolean;
    condition?: boolean;
    logTail?: string;
    attempt?: number;
    nextAttemptTime?: string;
    actions?: ActionRecord[];
    sends?: ToolSend[];
  };
}

export const TERMINAL_PHASES = ['Succeeded', 'Failed', 'TimedOut', 'Cancelled'];

export const isTerminal = (run: JobRun | undefined) => TERMINAL_PHASES.includes(run?.status?.phase ?? '');

/** The label the operator puts on every run of an Event (JobRunLabels.EVENT). */
export const EVENT_LABEL = 'cronium.io/event';

export const events = (namespace?: string) => collection(CRONIUM, 'events', namespace);
export const jobRuns = (namespace?: string) => collection(CRONIUM, 'jobruns', namespace);

/**
 * A run of the Event started by hand, shaped as JobRuns.manual builds it for kubectl cronium run:
 * a generated name after the Event, the Event's label, the Event as controlling owner.
 */
export function manualRun(event: Event, input: unknown): object {
  return {
    apiVersion: 'cronium.io/v1alpha1',
    kind: 'JobRun',
    metadata: {
      generateName: `${event.metadata.name}-`,
      namespace: event.metadata.namespace,
      labels: { [EVENT_LABEL]: event.metadata.name },
      ownerReferences: [{
        apiVersion: 'cronium.io/v1alpha1',
        kind: 'Event',
        name: event.metadata.name,
        uid: event.metadata.uid,
        controller: true,
      }],
    },
    spec: { eventRef: { name: event.metadata.name }, trigger: 'Manual', ...(input === undefined ? {} : { input }) },
  };
}

/**
 * Who owns the Event's spec when a GitOps tool applied it (Argo CD, Flux): a change made here is
 * undone at its next sync. Undefined when no such mark is found.
 */
export function gitOpsOwner(object: KubeObject): string | undefined {
  const labels = object.metadata.labels ?? {};
  const annotations = object.metadata.annotations ?? {};
  if (labels['argocd.argoproj.io/instance'] || annotations['argocd.argoproj.io/tracking-id']
    || labels['app.kubernetes.io/managed-by']?.toLowerCase().includes('argocd')) {
    return 'Argo CD';
  }
  if (Object.keys(labels).some((key) => key.endsWith('.toolkit.fluxcd.io/name'))
    || labels['app.kubernetes.io/managed-by']?.toLowerCase().includes('flux')) {
    return 'Flux';
  }
  return undefined;
}
