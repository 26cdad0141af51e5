'use strict';
// Cronium helpers for Node.js scripts run by runtime-api. runtime-api loads this module with
// --require before the script and exposes it as the global `cronium` (require("cronium")
// returns the same object). Every helper returns a Promise, as Cronium's did:
//
//   const data = await cronium.input();          // the run's input (null when absent)
//   await cronium.output({ done: true });        // the run's output (any JSON value)
//   const n = await cronium.getVariable('counter');  // null when unset
//   await cronium.setVariable('counter', n + 1);
//   await cronium.variableExists('counter');     // true when it holds a value (not null)
//   await cronium.incrementVariable('runs');     // adds 1 (or a given step) in runtime-api
//   await cronium.appendVariable('seen', { at: 1 });  // appends to an array (new when unset)
//   await cronium.deleteVariable('counter');
//   await cronium.setCondition(true);
//   const ctx = await cronium.event();           // the event context
//   await cronium.sendEmail({ to: 'ops@example.org', subject: 'Nightly', body: 'done' });
//   await cronium.sendSlackMessage({ channel: '#ops', text: 'deployed' });
//   await cronium.sendDiscordMessage({ content: 'deployed' });
//   await cronium.executeToolAction('ops-hook', 'send-message', { message: 'deployed' });
//
// The send helpers use the tool Secrets the Event lists in spec.tools: without `tool`, the one
// of that type (docs/helpers.md). A send that did not go out rejects with a CroniumError.
//
// A wrong call rejects with a CroniumError; left unhandled, it ends the script with a one-line
// message and exit code 1.

const http = require('http');
const util = require('util');

class CroniumError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CroniumError';
  }
}

// One kept-alive connection: helper calls are small and frequent. Idle sockets do not keep the
// process alive.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function read(caller, path) {
  return request(caller, 'GET', path, undefined, new CroniumError(caller));
}

function write(caller, path, value, method = 'PUT') {
  const failure = new CroniumError(caller);
  let body;
  try {
    body = JSON.stringify(value);
  } catch (error) {
    return Promise.reject(describeFailure(failure, caller, `the value is not JSON-serializable: ${error.message}`));
  }
  if (body === undefined) {
    return Promise.reject(describeFailure(failure, caller, `the value is not JSON-serializable: ${typeof value}`));
  }
  return request(caller, method, path, body, failure);
}

// `failure` is created by the caller's caller, so that its stack points at the script's line
// rather than at a socket callback.
function request(caller, method, path, body, failure) {
  return new Promise((resolve, reject) => {
    const base = process.env.CRONIUM_RUNTIME_API;
    if (!base) {
      reject(describeFailure(failure, caller, 'CRONIUM_RUNTIME_API is not set; run the script through runtime-api'));
      return;
    }
    const headers = { Authorization: `Bearer ${process.env.CRONIUM_EXECUTION_TOKEN || ''}` };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const call = http.request(new URL(path, base), { method, headers, agent }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (response.statusCode >= 300) {
          reject(describeFailure(failure, caller, text.trim()));
        } else {
          resolve(text ? JSON.parse(text) : null);
        }
      });
    });
    call.on('error', (error) => reject(describeFailure(failure, caller, `runtime API not reachable at ${base}: ${error.message}`)));
    call.end(body);
  });
}

function describeFailure(failure, caller, message) {
  failure.message = `${caller}: ${message}`;
  return failure;
}

function variablePath(key) {
  return `/variables/${encodeURIComponent(key)}`;
}

// Calls `call` with the variable's path, or rejects a key that is not a string.
function withKey(caller, key, call) {
  return typeof key === 'string'
    ? call(variablePath(key))
    : misuse(`${caller} expects a string key, not ${describe(key)}`);
}

function misuse(message) {
  return Promise.reject(new CroniumError(message));
}

function describe(value) {
  return `${JSON.stringify(value) ?? String(value)} (${typeof value})`;
}

const cronium = {
  CroniumError,
  /** The run's input: any JSON value, null when the run has none. */
  input: () => read('input', '/input'),
  /** Sets the run's output; a scalar is reported as {"value": ...}. The last call wins. */
  output: (value) => write('output', '/output', value),
  /** The variable's value, or null when it is not set. */
  getVariable: (key) => withKey('getVariable', key, (path) => read('getVariable', path)),
  /** Sets a variable to any JSON value; the run sees the new value at once. */
  setVariable: (key, value) => withKey('setVariable', key, (path) => write('setVariable', path, value)),
  /** Whether the variable holds a value; one set to null counts as unset, as it reads the same. */
  variableExists: (key) => withKey('variableExists', key, (path) => read('variableExists', `${path}/exists`)),
  /** Deletes a variable; the run sees it unset at once, and later runs once the run ends. */
  deleteVariable: (key) => withKey('deleteVariable', key,
    (path) => request('deleteVariable', 'DELETE', path, undefined, new CroniumError('deleteVariable'))),
  /**
   * Adds an integer step (default 1) to an integer variable (unset counts as 0); resolves to
   * the new value. runtime-api does the addition, so concurrent increments of the run never
   * lose one; across runs the later save wins.
   */
  incrementVariable: (key, by = 1) => (Number.isSafeInteger(by)
    ? withKey('incrementVariable', key, (path) => write('incrementVariable', `${path}/increment`, by, 'POST'))
    : misuse(`incrementVariable expects an integer step, not ${describe(by)}`)),
  /** Appends any JSON value to an array variable; an unset variable becomes a new array. */
  appendVariable: (key, value) => withKey('appendVariable', key,
    (path) => write('appendVariable', `${path}/append`, value, 'POST')),
  /** Sets the run's condition; only true and false are accepted. */
  setCondition: (condition) => (typeof condition === 'boolean'
    ? write('setCondition', '/condition', condition)
    : misuse(`setCondition expects true or false, not ${describe(condition)}`)),
  /** The event context: name, namespace, runName, trigger, attempt, scheduledTime. */
  event: () => read('event', '/event'),
  /** Sends an email; to, cc and bcc are an address, several separated by commas, or an array. */
  sendEmail: ({ to, subject, body, cc, bcc, tool } = {}) => send('sendEmail', 'email', tool, { to, subject, body, cc, bcc }),
  /** Posts to Slack; without a channel, the webhook's own. */
  sendSlackMessage: ({ channel, text, tool } = {}) => send('sendSlackMessage', 'slack', tool, { channel, text }),
  /** Posts to Discord; the webhook decides the channel. */
  sendDiscordMessage: ({ content, channelId, tool } = {}) => send('sendDiscordMessage', 'discord', tool,
    { content, channel_id: channelId }),
  /** Runs a tool action: send-message (slack, discord, webhook) or send-email, with its fields in config. */
  executeToolAction: (tool, action, config = {}) => write('executeToolAction', '/tools/send',
    { tool, action, config }, 'POST'),
};

function send(caller, type, tool, config) {
  return write(caller, '/tools/send', { type, tool: tool ?? null, config }, 'POST');
}

/** " (line N)" for the innermost frame of the user's script in the error's stack, if any. */
function scriptLocation(error) {
  const script = process.argv[1];
  const frames = String(error.stack || '').split('\n');
  for (const frame of frames) {
    const index = frame.indexOf(`${script}:`);
    if (index >= 0) {
      const line = frame.slice(index + script.length + 1).split(':')[0];
      return ` (line ${line})`;
    }
  }
  return '';
}

// An unhandled rejection ends the script with exit code 1, as in plain Node; a misused helper
// is reported as one clear line instead of a stack trace.
process.on('unhandledRejection', (reason) => {
  const report = reason instanceof CroniumError
    ? `cronium: ${reason.message}${scriptLocation(reason)}`
    : util.inspect(reason);
  process.stderr.write(`${report}\n`);
  process.exit(1);
});

globalThis.cronium = cronium;
module.exports = cronium;
