// How times, durations and phases read on the pages.
import { h } from './dom';

export function time(iso: string | undefined): Node | string {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return h('time', { datetime: iso, title: iso }, `${date.toLocaleString()} (${relative(date)})`);
}

export function relative(date: Date, now = Date.now()): string {
  const seconds = Math.round((date.getTime() - now) / 1000);
  const magnitude = duration(Math.abs(seconds) * 1000);
  return seconds >= 0 ? `in ${magnitude}` : `${magnitude} ago`;
}

export function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) {
    return `${seconds} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** How long a run took, or has taken so far. */
export function runDuration(start: string | undefined, end: string | undefined): string {
  if (!start) {
    return '—';
  }
  const took = duration((end ? Date.parse(end) : Date.now()) - Date.parse(start));
  return end ? took : `${took} so far`;
}

export function phase(value: string | undefined): HTMLElement {
  const text = value ?? 'Pending';
  return h('span', { class: `phase phase-${text.toLowerCase()}` }, text);
}
