// The console's pages, one per address after '#': the Events list, an Event, a run.
import './style.css';
import { h } from './dom';
import { eventPage } from './pages/event';
import { eventsPage } from './pages/events';
import { runPage } from './pages/run';
import { routes } from './ui';

const main = document.getElementById('main')!;
let leaving = new AbortController();
let defaultNamespace = 'default';

function show(): void {
  // Leaving a page stops its watches and log stream.
  leaving.abort();
  leaving = new AbortController();
  main.replaceChildren();
  const [path, query] = location.hash.replace(/^#/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'namespaces' && parts[2] === 'events' && parts[3]) {
    document.title = `${parts[3]} · Event · Cronium`;
    eventPage(main, parts[1], parts[3], leaving.signal);
  } else if (parts[0] === 'namespaces' && parts[2] === 'runs' && parts[3]) {
    document.title = `${parts[3]} · Run · Cronium`;
    runPage(main, parts[1], parts[3], leaving.signal);
  } else if (parts[0] === 'events') {
    const namespace = new URLSearchParams(query).get('namespace') ?? defaultNamespace;
    document.title = `Events${namespace ? ` in ${namespace}` : ''} · Cronium`;
    eventsPage(main, namespace, leaving.signal);
  } else {
    location.replace(routes.events(defaultNamespace));
    return;
  }
  // Where a screen reader or the keyboard starts on the new page.
  main.querySelector<HTMLElement>('h1')?.focus({ preventScroll: true });
}

async function start(): Promise<void> {
  try {
    const config = await (await fetch('/console/config.json')).json();
    defaultNamespace = config.namespace ?? defaultNamespace;
  } catch {
    main.append(h('p', { role: 'alert' }, 'The console\'s server does not answer; is kubectl cronium console still running?'));
    return;
  }
  window.addEventListener('hashchange', show);
  // A browser opens at most 6 connections to one host, for all its tabs, and each page holds one
  // or two streams: a tab in the background gives its streams up, and takes the page up anew
  // when it is shown again.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      leaving.abort();
    } else {
      show();
    }
  });
  show();
}

start();
