// One run: its timeline, result, actions and sends, the log (followed while it runs), cancel.
import { ActionRecord, isTerminal, JobRun, jobRuns, ToolSend } from '../cronium';
import { h, replace } from '../dom';
import { phase, runDuration, time } from '../format';
import { ApiError, mergePatch } from '../kube';
import { ListWatch } from '../live';
import { LogFollower, LogState } from '../logfollow';
import { breadcrumb, liveLine, liveText, refusal, routes, section, showLive, table } from '../ui';

export function runPage(main: HTMLElement, namespace: string, name: string, signal: AbortSignal): void {
  const status = liveLine();
  const crumbs = h('div');
  const details = h('div');
  const cancel = new CancelButton(namespace, name);
  // A div, not a p: a refusal shown here is a block of its own.
  const logStatus = h('div', { class: 'live', role: 'status', id: 'log-status', 'data-state': 'connecting' }, 'Connecting…');
  // A log role, not read aloud line by line: the status line above says how it stands.
  const log = h('pre', { id: 'log', class: 'log', role: 'log', 'aria-live': 'off', tabindex: 0, 'aria-label': 'Log',
    'aria-describedby': 'log-status' });
  main.append(
    crumbs,
    h('h1', { tabindex: -1 }, `Run ${name}`),
    status, cancel.element, details,
    section('Log', logStatus, log));

  new ListWatch<JobRun>(jobRuns(namespace), new URLSearchParams({ fieldSelector: `metadata.name=${name}` }),
    { resource: 'jobruns.cronium.io', namespace },
    ([run]) => {
      const event = run?.spec.eventRef?.name;
      replace(crumbs, breadcrumb(['Events', routes.events(namespace)],
        ...(event ? [[event, routes.event(namespace, event)] as [string, string]] : []), [name, undefined]));
      replace(details, run ? runDetails(run) : h('p', { role: 'alert' }, `There is no run ${name} in namespace ${namespace}.`));
      cancel.show(run);
    },
    (state) => {
      showLive(status, state);
      if (state.kind === 'failed') {
        replace(details, refusal(state.error));
      }
    },
    signal).run();

  const lines = document.createDocumentFragment();
  let flush = 0;
  new LogFollower(namespace, name,
    (text) => {
      // Many lines at once (a reconnect, a poll) are added in one go, at the next frame.
      lines.append(`${text}\n`);
      flush ||= requestAnimationFrame(() => {
        flush = 0;
        const following = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
        log.append(lines);
        if (following) {
          log.scrollTop = log.scrollHeight;
        }
      });
    },
    (state) => showLogState(logStatus, state),
    signal).run();
}

function showLogState(element: HTMLElement, state: LogState): void {
  element.dataset.state = state.kind;
  switch (state.kind) {
    case 'live':
      element.textContent = `Following the log live (through ${state.through}).`;
      break;
    case 'waiting':
      element.textContent = 'Waiting for the run\'s container to start…';
      break;
    case 'ended':
      element.textContent = 'The run has ended: this is its whole log.';
      break;
    case 'failed':
      replace(element, refusal(state.error));
      break;
    default:
      element.textContent = liveText(state);
  }
}

function runDetails(run: JobRun): HTMLElement {
  const s = run.status ?? {};
  return h('div', null,
    section('Timeline', h('ol', { class: 'timeline' },
      h('li', null, h('strong', null, 'Created '), time(run.metadata.creationTimestamp),
        run.spec.trigger ? ` by ${run.spec.trigger.toLowerCase()} trigger` : ''),
      h('li', null, h('strong', null, 'Started '), s.startTime ? time(s.startTime) : 'not yet'),
      h('li', null, h('strong', null, 'Finished '), s.completionTime ? time(s.completionTime) : 'not yet',
        s.startTime ? ` (took ${runDuration(s.startTime, s.completionTime)})` : ''),
      h('li', null, h('strong', null, 'Attempt '), String(s.attempt ?? 1),
        s.nextAttemptTime ? [', next attempt ', time(s.nextAttemptTime)] : ''))),
    section('Result', h('dl', { class: 'summary' },
      h('dt', null, 'Phase'), h('dd', { 'data-field': 'phase' }, phase(s.phase)),
      s.reason && [h('dt', null, 'Reason'), h('dd', null, s.reason)],
      s.message && [h('dt', null, 'Message'), h('dd', null, s.message)],
      h('dt', null, 'Exit code'), h('dd', null, s.exitCode ?? '—'),
      h('dt', null, 'Condition'), h('dd', null, s.condition === undefined ? 'not set' : String(s.condition)),
      h('dt', null, 'Output'), h('dd', null, s.output === undefined ? 'none'
        : [h('pre', { class: 'output', role: 'region', tabindex: 0, 'aria-label': 'Output' }, JSON.stringify(s.output, null, 2)),
          s.outputTruncated && h('p', null, 'Only the first 1 MiB of the output was kept.')]))),
    section('Actions', actionsTable(s.actions ?? [], run.metadata.namespace ?? '')),
    section('Sends', sendsTable(s.sends ?? [])));
}

function actionsTable(actions: ActionRecord[], namespace: string): HTMLElement {
  return table('Actions fired and their results', ['#', 'Type', 'State', 'Reason', 'Message', 'Run started', 'Time'],
    actions.map((action) => h('tr', null,
      h('td', null, action.index ?? '—'), h('td', null, action.type ?? '—'), h('td', null, action.state ?? '—'),
      h('td', null, action.reason ?? ''), h('td', null, action.message ?? ''),
      h('td', null, action.jobRun ? h('a', { href: routes.run(namespace, action.jobRun) }, action.jobRun) : ''),
      h('td', null, time(action.time)))),
    'No actions fired.');
}

function sendsTable(sends: ToolSend[]): HTMLElement {
  return table('Messages sent through tools', ['Tool', 'Type', 'Target', 'Outcome', 'Reason', 'Message', 'Attempt'],
    sends.map((send) => h('tr', null,
      h('td', null, send.tool ?? '—'), h('td', null, send.type ?? '—'), h('td', null, send.target ?? ''),
      h('td', null, send.outcome ?? '—'), h('td', null, send.reason ?? ''), h('td', null, send.message ?? ''),
      h('td', null, send.attempt ?? 1))),
    'No messages sent.');
}

/** Asks the operator to stop the run: spec.cancel, which it carries out and records. */
class CancelButton {
  readonly element: HTMLElement;
  private readonly button = h('button', { type: 'button', id: 'cancel-run', class: 'danger' }, 'Cancel run');
  private readonly result = h('p', { role: 'status', class: 'result' });

  constructor(private readonly namespace: string, private readonly name: string) {
    this.element = h('div', { class: 'actions' }, this.button, this.result);
    this.button.addEventListener('click', () => this.cancel());
  }

  show(run: JobRun | undefined): void {
    const cancellable = run !== undefined && !isTerminal(run) && !run.spec.cancel;
    this.element.hidden = run === undefined || isTerminal(run);
    this.button.disabled = !cancellable;
    if (run?.spec.cancel && !isTerminal(run)) {
      this.button.textContent = 'Cancelling…';
    }
  }

  private async cancel(): Promise<void> {
    if (!confirm(`Cancel run ${this.name}? Its script is stopped.`)) {
      return;
    }
    try {
      await mergePatch(`${jobRuns(this.namespace)}/${encodeURIComponent(this.name)}`, { spec: { cancel: true } },
        { verb: 'patch', resource: 'jobruns.cronium.io', namespace: this.namespace });
      replace(this.result, 'Cancel requested: the operator stops the run.');
    } catch (error) {
      replace(this.result, error instanceof ApiError ? error.message : String(error));
    }
  }
}
