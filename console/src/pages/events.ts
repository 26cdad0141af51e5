// Every Event in a namespace (or all the user may list): what it runs, when, how it went, and
// why it did not run, kept current by a watch.
import { Condition, Event, events } from '../cronium';
import { h, replace } from '../dom';
import { phase, time } from '../format';
import { request } from '../kube';
import { ListWatch } from '../live';
import { liveLine, refusal, routes, showLive, table } from '../ui';

export function eventsPage(main: HTMLElement, namespace: string, signal: AbortSignal): void {
  const status = liveLine();
  const list = h('div');
  main.append(
    h('h1', { tabindex: -1 }, 'Events'),
    namespaceChooser(namespace, signal),
    status,
    list);
  const all = namespace === '';
  new ListWatch<Event>(events(namespace), new URLSearchParams(),
    { resource: 'events.cronium.io', namespace: namespace || undefined },
    (items) => replace(list, eventsTable(items, all)),
    (state) => {
      showLive(status, state);
      if (state.kind === 'failed') {
        replace(list, refusal(state.error));
      }
    },
    signal).run();
}

/** A list of namespaces when the user may list them, else a field to type one into. */
function namespaceChooser(current: string, signal: AbortSignal): HTMLElement {
  const form = h('form', { class: 'namespace', 'aria-label': 'Namespace' });
  const show = (namespace: string) => {
    location.hash = routes.events(namespace);
  };
  const field = h('input', { id: 'namespace', name: 'namespace', value: current, placeholder: 'all namespaces',
    autocomplete: 'off', spellcheck: 'false' });
  form.append(
    h('label', { for: 'namespace' }, 'Namespace'), field,
    h('button', { type: 'submit' }, 'Show'),
    h('button', { type: 'button', onClick: () => show('') }, 'All namespaces'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(field.value.trim());
  });
  request<{ items: { metadata: { name: string } }[] }>('/api/v1/namespaces',
    { verb: 'list', resource: 'namespaces' }, { signal })
    .then((namespaces) => {
      const options = h('datalist', { id: 'namespaces' },
        namespaces.items.map((item) => h('option', { value: item.metadata.name })));
      field.setAttribute('list', 'namespaces');
      form.append(options);
    })
    .catch(() => {
      // Listing namespaces is not everyone's right: the field takes a typed name then.
    });
  return form;
}

function eventsTable(items: Event[], all: boolean): HTMLElement {
  const sorted = [...items].sort((a, b) =>
    `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  const headings = ['Event', ...(all ? ['Namespace'] : []), 'Type', 'Schedule', 'Next run', 'Last run', 'Runs',
    'Suspended', 'Why it did not run'];
  return table('Events', headings, sorted.map((event) => eventRow(event, all)),
    'No Events here. Create one with kubectl apply (see examples/).');
}

function eventRow(event: Event, all: boolean): HTMLElement {
  const ns = event.metadata.namespace ?? '';
  const last = event.status?.lastRun;
  const counts = event.status?.runCounts ?? {};
  const active = event.status?.active ?? [];
  return h('tr', { 'data-event': event.metadata.name },
    h('th', { scope: 'row' }, h('a', { href: routes.event(ns, event.metadata.name) }, event.metadata.name)),
    all && h('td', null, ns),
    h('td', null, event.spec.type ?? '—'),
    h('td', null, schedule(event)),
    h('td', null, event.spec.suspend ? 'suspended' : time(event.status?.nextScheduleTime)),
    h('td', { class: 'last-run' },
      active.length > 0 && h('span', { class: 'active' }, `${active.length} running `),
      last?.name
        ? [h('a', { href: routes.run(ns, last.name) }, last.name), ' ', phase(last.phase), ' ', time(last.completionTime)]
        : active.length === 0 && 'never'),
    h('td', null, `${counts.succeeded ?? 0} succeeded, ${counts.failed ?? 0} failed`,
      counts.timedOut ? `, ${counts.timedOut} timed out` : '', counts.cancelled ? `, ${counts.cancelled} cancelled` : ''),
    h('td', null, event.spec.suspend ? 'yes' : 'no'),
    h('td', null, problems(event)));
}

export function schedule(event: Event): string {
  const spec = event.spec.schedule;
  if (!spec) {
    return 'by hand only';
  }
  const when = spec.cron ? `cron ${spec.cron}` : `every ${spec.interval}`;
  return spec.timeZone ? `${when} (${spec.timeZone})` : `${when} (UTC)`;
}

/**
 * Whether a condition is as it should be: Suspended is an "abnormal-true" condition, the others
 * (SpecValid, ScheduleValid, the actions' and tools' Valid) are True when all is well.
 */
function healthy(condition: Condition): boolean {
  return condition.type === 'Suspended' ? condition.status === 'False' : condition.status === 'True';
}

/** The conditions that are not met and the latest incidents: why a slot did not run. */
export function problems(event: Event): Node[] | string {
  const conditions = (event.status?.conditions ?? []).filter((condition) => !healthy(condition));
  const incidents = (event.status?.incidents ?? []).slice(-3).reverse();
  if (conditions.length === 0 && incidents.length === 0) {
    return '—';
  }
  return [h('ul', { class: 'problems' },
    conditions.map((condition) => h('li', null,
      h('strong', null, `${condition.type}: ${condition.reason ?? condition.status}`),
      condition.message ? ` — ${condition.message}` : '')),
    incidents.map((incident) => h('li', null,
      h('strong', null, incident.type), ' ', time(incident.time),
      incident.message ? ` — ${incident.message}` : '')))];
}
