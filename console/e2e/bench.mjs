// make bench-console: 50 open run pages following one run's log through the console, as 50 users
// would, each in a browser context of their own. Prints the operator's and the API server's added
// CPU and memory, and the time from a line printed in the Pod to shown in a page (p50, p99, max).
// Not a test: numbers only.
import { readFileSync } from 'node:fs';
import { Console, eventually, kubectl, launchChromium, sleep } from './harness.mjs';

const PAGES = 50;
const WINDOW_MS = 30_000;
const pids = { operator: Number(process.env.OPERATOR_PID), 'API server': Number(process.env.APISERVER_PID) };
const ticksPerSecond = 100;

function usage(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
  return { cpuSeconds: (Number(fields[11]) + Number(fields[12])) / ticksPerSecond, rssMiB: rssKiB / 1024 };
}

/** CPU cores used and RSS at the end, of each process over `ms`. */
async function measure(ms) {
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, usage(pid)]));
  await sleep(ms);
  return Object.fromEntries(Object.entries(pids).map(([name, pid]) => {
    const after = usage(pid);
    return [name, { cores: (after.cpuSeconds - before[name].cpuSeconds) / (ms / 1000), rssMiB: after.rssMiB }];
  }));
}

const signed = (value, digits) => `${value < 0 ? '-' : '+'}${Math.abs(value).toFixed(digits)}`;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

const console = await Console.start(process.env.KUBECONFIG);
const browser = await launchChromium();
try {
  // stamper prints "line N <epoch ms>" twice a second for 150 s.
  const run = kubectl('cronium', 'run', 'stamper', '-n', 'default');
  await eventually('the run to be Running', async () =>
    kubectl('get', 'jobrun', run, '-n', 'default', '-o', 'jsonpath={.status.phase}') === 'Running');
  const idle = await measure(WINDOW_MS / 2);

  // Each page notes when each line is added to its log (before the page's scripts run; CSP does not apply).
  const noteShownLines = () => {
    window.shown = [];
    new MutationObserver((mutations) => {
      const now = Date.now();
      for (const mutation of mutations) {
        for (const node of mutation.addedNodes) {
          for (const line of (node.textContent ?? '').split('\n')) {
            const match = /^line \d+ (\d+)$/.exec(line);
            if (match) {
              window.shown.push(now - Number(match[1]));
            }
          }
        }
      }
    }).observe(document, { subtree: true, childList: true });
  };
  const pages = [];
  for (let i = 0; i < PAGES; i++) {
    // 50 users, each with a browser of their own: one browser opens at most 6 connections to the
    // console, and a run page holds two streams.
    const context = await browser.newContext();
    await context.addInitScript(noteShownLines);
    const page = await context.newPage();
    await page.goto(`${console.url}#/namespaces/default/runs/${run}`);
    pages.push(page);
  }
  await Promise.all(pages.map((page) => page.locator('#log-status[data-state="live"]').waitFor({ timeout: 120_000 })));
  const counted = await Promise.all(pages.map((page) => page.evaluate(() => window.shown.length)));
  const loaded = await measure(WINDOW_MS);
  const latencies = (await Promise.all(pages.map((page, i) => page.evaluate((from) => window.shown.slice(from), counted[i]))))
    .flat().sort((a, b) => a - b);

  const lines = [
    `# make bench-console, ${new Date().toISOString()}: ${PAGES} run pages following one run's log`,
    `# (a line twice a second) through kubectl cronium console and the log API, headless Chromium`,
    `# on this machine; CPU in cores over ${WINDOW_MS / 1000} s windows, RSS at the window's end.`,
    ...Object.keys(pids).map((name) => `${name}: CPU ${idle[name].cores.toFixed(3)} -> ${loaded[name].cores.toFixed(3)} cores`
      + ` (${signed(loaded[name].cores - idle[name].cores, 3)}), RSS ${idle[name].rssMiB.toFixed(0)} -> `
      + `${loaded[name].rssMiB.toFixed(0)} MiB (${signed(loaded[name].rssMiB - idle[name].rssMiB, 0)})`),
    `line printed -> shown: ${latencies.length} samples, p50 ${percentile(latencies, 50)} ms, `
      + `p99 ${percentile(latencies, 99)} ms, max ${latencies[latencies.length - 1]} ms (goal: p99 <= 1000 ms)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await console.stop();
}
