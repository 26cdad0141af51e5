// What every page shares: links between pages, the live-update line, refusals.
import { h } from './dom';
import { ApiError } from './kube';
import { LiveState, POLL_MS } from './live';

const segment = encodeURIComponent;

export const routes = {
  events: (namespace?: string) => (namespace ? `#/events?namespace=${segment(namespace)}` : '#/events?namespace='),
  event: (namespace: string, name: string) => `#/namespaces/${segment(namespace)}/events/${segment(name)}`,
  run: (namespace: string, name: string) => `#/namespaces/${segment(namespace)}/runs/${segment(name)}`,
};

/** The line saying how current the page is: live, reconnecting…, polling, or why not at all. */
export function liveText(state: LiveState): string {
  switch (state.kind) {
    case 'connecting':
      return 'Connecting…';
    case 'live':
      return 'Live: updates appear as they happen.';
    case 'reconnecting':
      return `Connection lost: reconnecting… (next try in ${(state.retryMs / 1000).toFixed(1)} s)`;
    case 'polling':
      return `Live updates are not available, polling every ${POLL_MS / 1000} s instead. (${state.why})`;
    case 'failed':
      return state.error.message;
  }
}

export function showLive(element: HTMLElement, state: LiveState): void {
  element.textContent = liveText(state);
  element.dataset.state = state.kind;
}

/** A live-update line; polite, so that screen readers hear a lost connection without a jump. */
export function liveLine(): HTMLElement {
  return h('p', { class: 'live', role: 'status', 'data-state': 'connecting' }, 'Connecting…');
}

/** A refusal in words, never an empty page: the verb, resource and namespace not allowed. */
export function refusal(error: ApiError): HTMLElement {
  return h('div', { class: error.forbidden ? 'refusal forbidden' : 'refusal', role: 'alert' },
    h('h2', null, error.forbidden ? 'Not allowed' : 'Something went wrong'),
    h('p', null, error.message));
}

export function breadcrumb(...links: [string, string | undefined][]): HTMLElement {
  return h('nav', { 'aria-label': 'Breadcrumb', class: 'breadcrumb' },
    h('ol', null, links.map(([text, href]) =>
      h('li', null, href ? h('a', { href }, text) : h('span', { 'aria-current': 'page' }, text)))));
}

export function section(title: string, ...content: (Node | string)[]): HTMLElement {
  const id = `section-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return h('section', { 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}

/** A table that scrolls sideways on its own at high zoom instead of widening the page. */
export function table(caption: string, headings: string[], rows: Node[], empty: string): HTMLElement {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('div', { class: 'table-scroll', role: 'region', 'aria-label': caption, tabindex: 0 },
    h('table', null,
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', null, h('tr', null, headings.map((heading) => h('th', { scope: 'col' }, heading)))),
      h('tbody', null, rows)));
}
