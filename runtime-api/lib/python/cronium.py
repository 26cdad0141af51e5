"""Cronium helpers for Python scripts run by runtime-api.

runtime-api preloads this module as the global name ``cronium``, so scripts need no import
(``import cronium`` works as well):

    data = cronium.input()                 # the run's input (any JSON value, None when absent)
    cronium.output({"done": True})         # the run's output (any JSON value)
    n = cronium.get_variable("counter")    # a variable (None when unset)
    cronium.set_variable("counter", n + 1)
    cronium.variable_exists("counter")     # True when it holds a value (not None)
    cronium.increment_variable("runs")     # adds 1 (or by=...) in runtime-api; returns the new value
    cronium.append_variable("seen", {"at": 1})  # appends to an array (a new one when unset)
    cronium.delete_variable("counter")
    cronium.set_condition(True)
    ctx = cronium.event()                  # the event context
    cronium.send_email("ops@example.org", "Nightly", "done", cc="lead@example.org")
    cronium.send_slack_message("#ops", "deployed")
    cronium.send_discord_message(None, "deployed")
    cronium.execute_tool_action("ops-hook", "send-message", {"message": "deployed"})

The send helpers use the tool Secrets the Event lists in spec.tools: without tool=..., the one of
that type (docs/helpers.md). A send that did not go out raises CroniumError.

A wrong call raises CroniumError; runtime-api reports it as a one-line message.
"""

import http.client
import json
import os
import threading
import urllib.parse

__all__ = ["CroniumError", "input", "output", "get_variable", "set_variable", "variable_exists", "delete_variable",
           "increment_variable", "append_variable", "set_condition", "event", "send_email", "send_slack_message",
           "send_discord_message", "execute_tool_action"]


class CroniumError(Exception):
    """A helper was called wrongly, or the runtime API refused the call or could not be reached."""


_NO_BODY = object()
_lock = threading.Lock()
_connection = None


def input():  # noqa: A001 - the name is Cronium's API
    """The run's input: any JSON value, None when the run has none."""
    return _call("input", "GET", "/input")


def output(value):
    """Sets the run's output; a scalar is reported as {"value": ...}. The last call wins."""
    _call("output", "PUT", "/output", value)


def get_variable(key):
    """The variable's value, or None when it is not set."""
    return _call("get_variable", "GET", _variable_path("get_variable", key))


def set_variable(key, value):
    """Sets a variable to any JSON value; the run sees the new value at once."""
    _call("set_variable", "PUT", _variable_path("set_variable", key), value)


def variable_exists(key):
    """Whether the variable holds a value; one set to None counts as unset, as it reads the same."""
    return _call("variable_exists", "GET", _variable_path("variable_exists", key) + "/exists")


def delete_variable(key):
    """Deletes a variable; the run sees it unset at once, and later runs once the run ends."""
    _call("delete_variable", "DELETE", _variable_path("delete_variable", key))


def increment_variable(key, by=1):
    """Adds an integer to an integer variable (unset counts as 0) and returns the new value.

    runtime-api does the addition, so increments from parallel threads or processes of the run
    never lose one; across runs the later save wins.
    """
    if not isinstance(by, int) or isinstance(by, bool):
        raise CroniumError(f"increment_variable expects an integer step, not {by!r} ({type(by).__name__})")
    return _call("increment_variable", "POST", _variable_path("increment_variable", key) + "/increment", by)


def append_variable(key, value):
    """Appends any JSON value to an array variable; an unset variable becomes a new array."""
    _call("append_variable", "POST", _variable_path("append_variable", key) + "/append", value)


def set_condition(condition):
    """Sets the run's condition; only True and False are accepted."""
    if not isinstance(condition, bool):
        raise CroniumError(
            f"set_condition expects True or False, not {condition!r} ({type(condition).__name__})")
    _call("set_condition", "PUT", "/condition", condition)


def event():
    """The event context: name, namespace, runName, trigger, attempt, scheduledTime."""
    return _call("event", "GET", "/event")


def send_email(to, subject, body, cc=None, bcc=None, tool=None):
    """Sends an email; to, cc and bcc are an address, several separated by commas, or a list.
    An empty to sends to the tool's own recipients."""
    return _send("send_email", "email", tool, {"to": to or None, "subject": subject, "body": body, "cc": cc, "bcc": bcc})


def send_slack_message(channel, text, tool=None):
    """Posts to Slack; channel None keeps the webhook's own."""
    return _send("send_slack_message", "slack", tool, {"channel": channel, "text": text})


def send_discord_message(channel_id, content, tool=None):
    """Posts to Discord; the webhook decides the channel, channel_id is kept in the run's status."""
    return _send("send_discord_message", "discord", tool, {"channel_id": channel_id, "content": content})


def execute_tool_action(tool, action, config=None):
    """Runs a tool action: send-message (slack, discord, webhook) or send-email, with its fields in config."""
    return _call("execute_tool_action", "POST", "/tools/send", {"tool": tool, "action": action, "config": config or {}})


def _send(caller, type_, tool, config):
    return _call(caller, "POST", "/tools/send", {"type": type_, "tool": tool, "config": config})


def _variable_path(caller, key):
    if not isinstance(key, str):
        raise CroniumError(f"{caller} expects a string key, not {key!r} ({type(key).__name__})")
    return "/variables/" + urllib.parse.quote(key, safe="")


def _call(caller, method, path, value=_NO_BODY):
    global _connection
    base = os.environ.get("CRONIUM_RUNTIME_API")
    if not base:
        raise CroniumError(f"{caller}: CRONIUM_RUNTIME_API is not set; run the script through runtime-api")
    headers = {"Authorization": "Bearer " + os.environ.get("CRONIUM_EXECUTION_TOKEN", "")}
    body = None
    if value is not _NO_BODY:
        try:
            body = json.dumps(value, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError) as error:
            raise CroniumError(f"{caller}: the value is not JSON-serializable: {error}") from None
        headers["Content-Type"] = "application/json"
    with _lock:
        # One kept-alive connection; a second attempt covers a connection the server closed
        # while idle, which never read the request, so not even an increment is applied twice.
        # A timeout is not retried: the API may have acted on that request.
        for attempt in (1, 2):
            try:
                if _connection is None:
                    address = urllib.parse.urlsplit(base)
                    _connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
                _connection.request(method, path, body=body, headers=headers)
                response = _connection.getresponse()
                data = response.read()
                break
            except (http.client.HTTPException, OSError) as error:
                if _connection is not None:
                    _connection.close()
                _connection = None
                if attempt == 2 or isinstance(error, TimeoutError):
                    raise CroniumError(f"{caller}: runtime API not reachable at {base}: {error}") from None
    if response.status >= 300:
        raise CroniumError(f"{caller}: {data.decode('utf-8', 'replace').strip()}")
    return json.loads(data) if data else None
