// The console in Chromium against the real control plane, operator and podman node
// (hack/test-ui.sh starts them; make test-ui). Each test names the feature it would catch broken.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import {
  Console, eventually, kubectl, launchChromium, logLines, sleep, StreamBlockingProxy,
} from './harness.mjs';

const ticks = (count) => Array.from({ length: count }, (_, i) => `tick ${i + 1}`);
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let browser;
let admin;
let viewer;

before(async () => {
  browser = await launchChromium();
  admin = await Console.start(process.env.KUBECONFIG);
  viewer = await Console.start(process.env.VIEWER_KUBECONFIG);
});

after(async () => {
  await browser?.close();
  await admin?.stop();
  await viewer?.stop();
});

async function open(url, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await page.goto(url);
  return page;
}

const runNow = (event, ...args) => kubectl('cronium', 'run', event, '-n', 'default', ...args);
const phaseOf = (run) => kubectl('get', 'jobrun', run, '-n', 'default', '-o', 'jsonpath={.status.phase}');

test('the Events page lists the demo\'s Events and shows a run finish without a reload', async () => {
  const demoEvents = kubectl('get', '-f', '../examples/', '-o', 'jsonpath={range .items[?(@.kind=="Event")]}{.metadata.name}{"\\n"}{end}')
    .split('\n');
  const page = await open(`${admin.url}#/events?namespace=default`);
  for (const name of demoEvents) {
    await page.locator(`tr[data-event="${name}"]`).waitFor();
  }
  await page.evaluate(() => { window.sameDocument = true; });

  const run = runNow('quick');
  const lastRun = page.locator('tr[data-event="quick"] td.last-run');
  await eventually('quick\'s new run to show Succeeded', async () =>
    (await lastRun.textContent()).includes(`${run} Succeeded`));

  assert.equal(await page.evaluate(() => window.sameDocument), true, 'the page was reloaded');
  await page.context().close();
});

test('Run now starts a run whose log lines appear while it runs', async () => {
  const page = await open(`${admin.url}#/namespaces/default/events/ticker`);
  await page.getByRole('button', { name: 'Run now' }).click();
  const started = page.locator('form.run-now .result a');
  const run = await started.textContent();
  assert.match(run, /^ticker-/);
  assert.equal(kubectl('get', 'jobrun', run, '-n', 'default', '-o', 'jsonpath={.spec.trigger}'), 'Manual');
  await started.click();
  await page.locator('#log-status[data-state="live"]').waitFor();

  await eventually('tick 3 in the log', async () => (await logLines(page)).includes('tick 3'));
  assert.equal(phaseOf(run), 'Running', 'the lines must show while the run runs, not after');
  await page.locator('[data-field="phase"]', { hasText: 'Succeeded' }).waitFor();
  await page.locator('#log-status[data-state="ended"]').waitFor();
  assert.deepEqual(await logLines(page), ticks(12));
  await page.context().close();
});

test('a log whose connection is cut twice shows reconnecting…, then every line once, in order', async () => {
  const cuttable = await Console.start(process.env.KUBECONFIG);
  try {
    const run = runNow('ticker', '--input', '30');
    const page = await open(`${cuttable.url}#/namespaces/default/runs/${run}`);
    let shown = 0;
    for (const cut of [1, 2]) {
      await page.locator('#log-status[data-state="live"]').waitFor();
      await eventually(`two more lines before cut ${cut}`, async () => (await logLines(page)).length >= shown + 2);
      await cuttable.stop();
      await page.locator('#log-status', { hasText: 'reconnecting…' }).waitFor();
      await sleep(1500);
      await cuttable.start();
      shown = (await logLines(page)).length;
    }
    await page.locator('#log-status[data-state="ended"]').waitFor();
    assert.deepEqual(await logLines(page), ticks(30));
    await page.context().close();
  } finally {
    await cuttable.stop();
  }
});

test('with streaming blocked the run page polls every 2 s, says so, and still updates', async () => {
  const proxy = await new StreamBlockingProxy(admin).listen();
  try {
    const run = runNow('ticker');
    const page = await open(`${proxy.url}#/namespaces/default/runs/${run}`);
    await page.locator('#log-status', { hasText: 'polling every 2 s' }).waitFor();
    await page.locator('p.live[data-state="polling"]').first().waitFor();
    await eventually('tick 2 by polling', async () => (await logLines(page)).includes('tick 2'));
    await eventually('tick 8 by polling', async () => (await logLines(page)).includes('tick 8'));
    await page.locator('[data-field="phase"]', { hasText: 'Succeeded' }).waitFor();
    await page.locator('#log-status[data-state="ended"]').waitFor();
    assert.deepEqual(await logLines(page), ticks(12));
    await page.context().close();
  } finally {
    proxy.close();
  }
});

test('a user bound only to view in another namespace is told what is not allowed', async () => {
  const page = await open(`${viewer.url}#/events?namespace=default`);
  const alert = page.getByRole('alert');
  await alert.waitFor();
  const text = await alert.textContent();
  assert.match(text, /Not allowed/);
  assert.match(text, /you may not list events\.cronium\.io in namespace "default"/);
  assert.doesNotMatch(await page.locator('main').textContent(), /\bat \S+:\d+|Error:|undefined/);
  await page.context().close();
});

test('axe finds no serious or critical accessibility problem on the three pages, light or dark', async () => {
  const run = kubectl('get', 'jobruns', '-n', 'default', '-l', 'cronium.io/event=ticker',
    '-o', 'jsonpath={.items[0].metadata.name}');
  const pages = {
    events: `${admin.url}#/events?namespace=default`,
    event: `${admin.url}#/namespaces/default/events/ticker`,
    run: `${admin.url}#/namespaces/default/runs/${run}`,
  };
  for (const colorScheme of ['light', 'dark']) {
    // The console's Content-Security-Policy would refuse axe's script.
    const page = await open(pages.events, { colorScheme, bypassCSP: true });
    for (const [name, url] of Object.entries(pages)) {
      await page.goto(url);
      await page.locator('p.live[data-state="live"]').first().waitFor();
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
        .filter((violation) => ['serious', 'critical'].includes(violation.impact))
        .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target).join(', ')})`));
      assert.deepEqual(violations, [], `${name} page, ${colorScheme}`);
    }
    await page.context().close();
  }
});

test('screenshots of the three pages for docs/console.md', async () => {
  const run = kubectl('get', 'jobruns', '-n', 'default', '-l', 'cronium.io/event=ticker',
    '-o', 'jsonpath={.items[0].metadata.name}');
  const page = await open(`${admin.url}#/events?namespace=default`);
  const shots = [
    ['events', `${admin.url}#/events?namespace=default`],
    ['event', `${admin.url}#/namespaces/default/events/ticker`],
    ['run', `${admin.url}#/namespaces/default/runs/${run}`],
  ];
  for (const [name, url] of shots) {
    await page.goto(url);
    await page.locator('p.live[data-state="live"]').first().waitFor();
    if (name === 'run') {
      await page.locator('#log-status[data-state="ended"]').waitFor();
    }
    await page.screenshot({ path: `${process.env.SCREENSHOTS}/console-${name}.png`, fullPage: true });
  }
  await page.context().close();
});

test('Suspend and Resume patch spec.suspend, Run now takes input JSON, Cancel stops a running run', async () => {
  const suspended = () => kubectl('get', 'events.cronium.io', 'ticker', '-n', 'default', '-o', 'jsonpath={.spec.suspend}');
  const page = await open(`${admin.url}#/namespaces/default/events/ticker`);
  await page.getByRole('button', { name: 'Suspend' }).click();
  await page.locator('[data-field="suspended"]', { hasText: 'yes' }).waitFor();
  assert.equal(suspended(), 'true');
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.locator('[data-field="suspended"]', { hasText: 'no' }).waitFor();
  assert.equal(suspended(), 'false');

  await page.locator('#run-input').fill('40');
  await page.getByRole('button', { name: 'Run now' }).click();
  const started = page.locator('form.run-now .result a');
  const run = await started.textContent();
  assert.equal(kubectl('get', 'jobrun', run, '-n', 'default', '-o', 'jsonpath={.spec.input}'), '40');
  await started.click();
  await eventually('tick 2 in the log', async () => (await logLines(page)).includes('tick 2'));
  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Cancel run' }).click();

  await page.locator('[data-field="phase"]', { hasText: 'Cancelled' }).waitFor();
  assert.equal(phaseOf(run), 'Cancelled');
  assert.ok(!(await logLines(page)).includes('tick 40'), 'the script was stopped before its end');
  await page.context().close();
});
