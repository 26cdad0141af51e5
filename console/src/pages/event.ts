// One Event: its state, its runs newest first (live), run now, suspend / resume.
import { Event, EVENT_LABEL, events, gitOpsOwner, JobRun, jobRuns, manualRun } from '../cronium';
import { h, replace } from '../dom';
import { phase, runDuration, time } from '../format';
import { ApiError, create, mergePatch } from '../kube';
import { ListWatch } from '../live';
import { breadcrumb, liveLine, refusal, routes, section, showLive, table } from '../ui';
import { problems, schedule } from './events';

export function eventPage(main: HTMLElement, namespace: string, name: string, signal: AbortSignal): void {
  const status = liveLine();
  const summary = h('div');
  const actions = h('div', { class: 'actions' });
  const runs = h('div');
  const runsStatus = liveLine();
  main.append(
    breadcrumb(['Events', routes.events(namespace)], [name, undefined]),
    h('h1', { tabindex: -1 }, `Event ${name}`),
    status, summary, actions,
    section('Runs', runsStatus, runs));

  let toggle: SuspendToggle | undefined;
  new ListWatch<Event>(events(namespace), new URLSearchParams({ fieldSelector: `metadata.name=${name}` }),
    { resource: 'events.cronium.io', namespace },
    ([event]) => {
      replace(summary, event ? eventSummary(event) : h('p', { role: 'alert' }, `There is no Event ${name} in namespace ${namespace}.`));
      if (event && !toggle) {
        toggle = new SuspendToggle(event);
        actions.append(runNow(event), toggle.element);
      }
      if (event) {
        toggle?.show(event);
      }
    },
    (state) => {
      showLive(status, state);
      if (state.kind === 'failed') {
        replace(summary, refusal(state.error));
      }
    },
    signal).run();

  new ListWatch<JobRun>(jobRuns(namespace), new URLSearchParams({ labelSelector: `${EVENT_LABEL}=${name}` }),
    { resource: 'jobruns.cronium.io', namespace },
    (items) => replace(runs, runsTable(items, namespace)),
    (state) => {
      showLive(runsStatus, state);
      if (state.kind === 'failed') {
        replace(runs, refusal(state.error));
      }
    },
    signal).run();
}

function eventSummary(event: Event): HTMLElement {
  const counts = event.status?.runCounts ?? {};
  const last = event.status?.lastRun;
  const ns = event.metadata.namespace ?? '';
  const owner = gitOpsOwner(event);
  return h('div', null,
    h('dl', { class: 'summary' },
      h('dt', null, 'Namespace'), h('dd', null, ns),
      h('dt', null, 'Type'), h('dd', null, event.spec.type ?? '—'),
      h('dt', null, 'Schedule'), h('dd', null, schedule(event)),
      h('dt', null, 'Suspended'), h('dd', { 'data-field': 'suspended' }, event.spec.suspend ? 'yes' : 'no'),
      h('dt', null, 'Next run'), h('dd', null, event.spec.suspend ? 'none while suspended' : time(event.status?.nextScheduleTime)),
      h('dt', null, 'Last run'), h('dd', null, last?.name
        ? [h('a', { href: routes.run(ns, last.name) }, last.name), ' ', phase(last.phase), ' ', time(last.completionTime)]
        : 'none yet'),
      h('dt', null, 'Runs'), h('dd', null, `${counts.succeeded ?? 0} succeeded, ${counts.failed ?? 0} failed, `
        + `${counts.timedOut ?? 0} timed out, ${counts.cancelled ?? 0} cancelled`),
      h('dt', null, 'Conditions and incidents'), h('dd', null, problems(event))),
    owner && h('p', { class: 'note' },
      `${owner} manages this Event: a change made here (suspend, resume) is undone at its next sync. `
      + 'Change it where its manifest lives, in Git.'));
}

function runNow(event: Event): HTMLElement {
  const ns = event.metadata.namespace ?? '';
  const result = h('p', { role: 'status', class: 'result' });
  const input = h('textarea', { id: 'run-input', name: 'input', rows: 4, spellcheck: 'false',
    'aria-describedby': 'run-input-help' });
  const form = h('form', { class: 'run-now', 'aria-label': 'Run now' },
    h('label', { for: 'run-input' }, 'Input (JSON, optional)'),
    h('p', { id: 'run-input-help', class: 'help' }, 'Replaces the Event\'s input for this run only. Leave empty to use the Event\'s.'),
    input,
    h('button', { type: 'submit' }, 'Run now'),
    result);
  form.addEventListener('submit', async (submitted) => {
    submitted.preventDefault();
    let runInput: unknown;
    try {
      runInput = input.value.trim() === '' ? undefined : JSON.parse(input.value);
    } catch (error) {
      replace(result, `The input is not valid JSON: ${(error as Error).message}`);
      input.setAttribute('aria-invalid', 'true');
      return;
    }
    input.removeAttribute('aria-invalid');
    try {
      const created = await create<JobRun>(jobRuns(ns), manualRun(event, runInput),
        { verb: 'create', resource: 'jobruns.cronium.io', namespace: ns });
      replace(result, 'Started ', h('a', { href: routes.run(ns, created.metadata.name) }, created.metadata.name), '.');
    } catch (error) {
      replace(result, error instanceof ApiError ? error.message : String(error));
    }
  });
  return form;
}

/** Suspend or Resume, whichever the Event's current spec.suspend calls for. */
class SuspendToggle {
  readonly element: HTMLElement;
  private readonly button = h('button', { type: 'button', id: 'suspend' });
  private readonly result = h('p', { role: 'status', class: 'result' });

  constructor(private event: Event) {
    this.element = h('div', { class: 'suspend' }, this.button, this.result);
    this.button.addEventListener('click', () => this.toggle());
  }

  show(event: Event): void {
    this.event = event;
    this.button.textContent = event.spec.suspend ? 'Resume' : 'Suspend';
  }

  private async toggle(): Promise<void> {
    const ns = this.event.metadata.namespace ?? '';
    const suspend = !this.event.spec.suspend;
    try {
      await mergePatch(`${events(ns)}/${encodeURIComponent(this.event.metadata.name)}`, { spec: { suspend } },
        { verb: 'patch', resource: 'events.cronium.io', namespace: ns });
      replace(this.result, suspend ? 'Suspended: no new runs start until it is resumed.' : 'Resumed.');
    } catch (error) {
      replace(this.result, error instanceof ApiError ? error.message : String(error));
    }
  }
}

function runsTable(items: JobRun[], namespace: string): HTMLElement {
  const newestFirst = [...items].sort((a, b) =>
    (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '')
    || b.metadata.name.localeCompare(a.metadata.name));
  return table('Runs, newest first', ['Run', 'Phase', 'Trigger', 'Created', 'Duration', 'Exit code', 'Attempt'],
    newestFirst.map((run) => h('tr', { 'data-run': run.metadata.name },
      h('th', { scope: 'row' }, h('a', { href: routes.run(namespace, run.metadata.name) }, run.metadata.name)),
      h('td', null, phase(run.status?.phase)),
      h('td', null, run.spec.trigger ?? '—'),
      h('td', null, time(run.metadata.creationTimestamp)),
      h('td', null, runDuration(run.status?.startTime, run.status?.completionTime)),
      h('td', null, run.status?.exitCode ?? '—'),
      h('td', null, run.status?.attempt ?? 1))),
    'No runs yet.');
}
