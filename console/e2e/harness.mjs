// What the browser tests stand on: kubectl, the plugin's console as a child process, Chromium,
// and an HTTP proxy in front of the console that can refuse streaming requests.
import { execFileSync, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { chromium } from 'playwright-core';

export const kubectlPath = required('KUBECTL');
const pluginDir = required('PLUGIN_DIR');

function required(name) {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run the browser tests with make test-ui`);
  }
  return value;
}

const pathWithPlugin = `${pluginDir}:${process.env.PATH}`;

export function kubectl(...args) {
  return execFileSync(kubectlPath, args, { encoding: 'utf8', env: { ...process.env, PATH: pathWithPlugin } }).trim();
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort() {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** `kubectl cronium console` as a user runs it: the plugin found on PATH by kubectl. */
export class Console {
  constructor(kubeconfig, port) {
    this.kubeconfig = kubeconfig;
    this.port = port;
    this.url = `http://127.0.0.1:${port}/`;
  }

  static async start(kubeconfig) {
    const console = new Console(kubeconfig, await freePort());
    await console.start();
    return console;
  }

  async start() {
    this.output = '';
    this.process = spawn(kubectlPath, ['cronium', 'console', '--port', String(this.port), '-n', 'default'], {
      env: { ...process.env, PATH: pathWithPlugin, KUBECONFIG: this.kubeconfig },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout.on('data', (data) => { this.output += data; });
    this.process.stderr.on('data', (data) => { this.output += data; });
    for (let i = 0; i < 300 && !this.output.includes(this.url); i++) {
      if (this.process.exitCode !== null) {
        break;
      }
      await sleep(100);
    }
    if (!this.output.includes(this.url)) {
      throw new Error(`kubectl cronium console did not print ${this.url}:\n${this.output}`);
    }
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    this.process.kill('SIGTERM');
    await exited;
  }
}

/**
 * An HTTP proxy in front of the console, as a company proxy may stand between browser and
 * console: it passes everything on, except that with `blockStreaming` it answers watches and
 * followed logs 502.
 */
export class StreamBlockingProxy {
  constructor(target) {
    this.target = target;
    this.server = http.createServer((request, response) => this.pass(request, response));
  }

  async listen() {
    this.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => this.server.once('listening', resolve));
    this.url = `http://127.0.0.1:${this.server.address().port}/`;
    return this;
  }

  pass(request, response) {
    if (/[?&](watch=(1|true)|follow=true)(&|$)/.test(request.url)) {
      response.writeHead(502, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ kind: 'Status', status: 'Failure', code: 502,
        message: 'this proxy does not pass streaming responses' }));
      return;
    }
    const upstream = http.request({
      host: '127.0.0.1', port: this.target.port, method: request.method, path: request.url,
      // The console answers only requests addressed to it.
      headers: { ...request.headers, host: `127.0.0.1:${this.target.port}` },
    }, (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  }

  close() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

/** Debian's Chromium (never a downloaded one), with the flags this machine's closed network needs. */
export function launchChromium() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** The lines of the run page's log as shown. */
export async function logLines(page) {
  const text = await page.locator('#log').textContent();
  return text.split('\n').filter((line) => line !== '');
}

/** Waits until `check` returns a truthy value, polling; fails with `what` after `ms`. */
export async function eventually(what, check, ms = 60_000) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    last = await check();
    if (last) {
      return last;
    }
    await sleep(200);
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}
