package io.cronium.operator.faults;

import io.cronium.api.v1alpha1.ActionReasons;
import io.cronium.api.v1alpha1.EventReasons;
import io.cronium.api.v1alpha1.JobRunReasons;
import io.cronium.operator.action.ActionConditions;
import io.cronium.operator.event.EventConditions;
import java.util.List;

/**
 * The bad objects of fault case 5, each with what must become of it: the API server refuses it with
 * a message saying what is wrong, or it is stored and the operator explains it in its status (a
 * condition False with a reason, or a run's reason). Some name their prerequisites (an Event a run
 * belongs to, a tool Secret), created first.
 */
final class MalformedObjects {

  /** What must become of a malformed object. */
  sealed interface Outcome {}

  /** Refused by the API server with a message containing {@code says}; strict field validation as kubectl. */
  record Refused(String says, boolean strictFields) implements Outcome {}

  /** Stored, and the Event {@code name} gets a condition False: of {@code type} with {@code reason}, or any. */
  record EventCondition(String name, String type, String reason) implements Outcome {}

  /** Stored, and the JobRun {@code name} gets a status reason: {@code reason}, or any with a message. */
  record RunReason(String name, String reason) implements Outcome {}

  /** One case: its documents (YAML, created in order; the last is the malformed one) and its outcome. */
  record Malformed(String what, List<String> documents, Outcome outcome) {}

  private static final String SIZE_200_KIB = "x".repeat(200 * 1024);
  private static final String SIZE_2_MIB = "x".repeat(2 * 1024 * 1024);

  private MalformedObjects() {}

  static List<Malformed> all() {
    return List.of(
        // Wrong types.
        refused("timeoutSeconds is a string", event("wrong-timeout", "type: Bash\nscript: 'true'\ntimeoutSeconds: ten"),
            "spec.timeoutSeconds"),
        refused("script is a number", event("wrong-script", "type: Bash\nscript: 42"), "spec.script"),
        refused("schedule is a string",
            event("wrong-schedule", "type: Bash\nscript: 'true'\nschedule: every 5 minutes"), "spec.schedule"),
        refused("actions is an object", event("wrong-actions",
            "type: Bash\nscript: 'true'\nactions:\n  when: Always\n  runEvent: {name: x}"), "spec.actions"),
        refused("suspend is a string", event("wrong-suspend", "type: Bash\nscript: 'true'\nsuspend: 'yes'"),
            "spec.suspend"),
        refused("a run's cancel is a string", run("wrong-cancel", "eventRef: {name: x}\ncancel: 'true'"),
            "spec.cancel"),
        refused("a run's eventRef is a string", run("wrong-ref", "eventRef: hello"), "spec.eventRef"),
        // Unknown enum values.
        refused("type Perl", event("unknown-type", "type: Perl\nscript: print 1"), "spec.type"),
        refused("concurrencyPolicy Sometimes", event("unknown-concurrency",
            "type: Bash\nscript: 'true'\nschedule: {interval: 10s, concurrencyPolicy: Sometimes}"),
            "spec.schedule.concurrencyPolicy"),
        refused("missedRunPolicy Never", event("unknown-missed",
            "type: Bash\nscript: 'true'\nschedule: {interval: 10s, missedRunPolicy: Never}"),
            "spec.schedule.missedRunPolicy"),
        refused("action when Sometimes", event("unknown-when",
            "type: Bash\nscript: 'true'\nactions:\n- when: Sometimes\n  runEvent: {name: x}"), "spec.actions[0].when"),
        refused("a run's trigger Cron", run("unknown-trigger", "eventRef: {name: x}\ntrigger: Cron"), "spec.trigger"),
        refused("HTTP method FETCH", event("unknown-method",
            "type: HTTP\nhttp: {url: 'https://example.org', method: FETCH}"), "spec.http.method"),
        // Missing required fields.
        refused("no type", event("no-type", "script: 'true'"), "spec.type"),
        refused("Bash without a script", event("no-script", "type: Bash"), "script is required for type Bash"),
        refused("HTTP without a request", event("no-http", "type: HTTP"), "http is required for type HTTP"),
        refused("a run without eventRef", run("no-ref", "trigger: Manual"), "spec.eventRef"),
        refused("a run's eventRef without a name", run("no-ref-name", "eventRef: {}"), "spec.eventRef.name"),
        refused("notify without a message", event("no-message",
            "type: Bash\nscript: 'true'\nactions:\n- when: Always\n  notify: {tool: t}"), "message"),
        refused("cron and interval both", event("two-schedules",
            "type: Bash\nscript: 'true'\nschedule: {cron: '* * * * *', interval: 10s}"),
            "set exactly one of cron and interval"),
        // Unknown fields, sent as kubectl does (field validation Strict).
        strict("an unknown spec field", event("unknown-field", "type: Bash\nscript: 'true'\npriority: high"),
            "unknown field \"spec.priority\""),
        strict("an unknown schedule field", event("unknown-schedule-field",
            "type: Bash\nscript: 'true'\nschedule: {interval: 10s, jitter: 5s}"),
            "unknown field \"spec.schedule.jitter\""),
        strict("an unknown run field", run("unknown-run-field", "eventRef: {name: x}\nretry: 3"),
            "unknown field \"spec.retry\""),
        // Out of range.
        refused("retries.limit 11", event("too-many-retries", "type: Bash\nscript: 'true'\nretries: {limit: 11}"),
            "spec.retries.limit"),
        refused("history limit 5000", event("too-much-history",
            "type: Bash\nscript: 'true'\nsuccessfulRunsHistoryLimit: 5000"), "spec.successfulRunsHistoryLimit"),
        refused("timeoutSeconds 0", event("zero-timeout", "type: Bash\nscript: 'true'\ntimeoutSeconds: 0"),
            "spec.timeoutSeconds"),
        refused("cpu 'lots'", event("bad-cpu", "type: Bash\nscript: 'true'\nresources: {cpu: lots}"),
            "spec.resources.cpu"),
        refused("a reserved env name", event("reserved-env",
            "type: Bash\nscript: env\nenv:\n- {name: CRONIUM_RUN_SPEC, value: x}"), "reserved for the Cronium runtime"),
        refused("21 actions", event("too-many-actions", "type: Bash\nscript: 'true'\nactions:\n"
            + "- {when: Always, runEvent: {name: x}}\n".repeat(21)), "spec.actions"),
        // Names.
        refused("an Event name of 53 characters", event("a".repeat(53), "type: Bash\nscript: 'true'"),
            "Event names are limited to 52 characters"),
        refused("a name of 254 characters", event("a".repeat(254), "type: Bash\nscript: 'true'"), "metadata.name"),
        refused("an upper-case name", event("Hello", "type: Bash\nscript: 'true'"), "metadata.name"),
        // Oversized.
        // Past etcd's request limit (1.5 MiB): the API server passes on etcd's refusal.
        refused("a script of 2 MiB", event("huge-script", "type: Bash\nscript: " + SIZE_2_MIB), "larger than max"),
        new Malformed("a script of 200 KiB", List.of(event("big-script", "type: Bash\nscript: " + SIZE_200_KIB),
            run("big-script-1", "eventRef: {name: big-script}")), new RunReason("big-script-1",
            JobRunReasons.RUN_SPEC_TOO_LARGE)),
        new Malformed("an input of 200 KiB", List.of(event("big-input", "type: Bash\nscript: 'true'"),
            run("big-input-1", "eventRef: {name: big-input}\ninput: {data: " + SIZE_200_KIB + "}")),
            new RunReason("big-input-1", JobRunReasons.RUN_SPEC_TOO_LARGE)),
        // Nothing the operator can use.
        refused("an Event without spec", withoutSpec("Event", "no-spec"), "spec is required"),
        refused("a JobRun without spec", withoutSpec("JobRun", "no-spec-run"), "spec is required"),
        // Dangling references.
        new Malformed("a run of a missing Event", List.of(run("dangling-run", "eventRef: {name: missing}")),
            new RunReason("dangling-run", JobRunReasons.EVENT_NOT_FOUND)),
        eventCondition("runEvent of a missing Event", "dangling-action",
            "type: Bash\nscript: 'true'\nactions:\n- {when: Always, runEvent: {name: missing}}",
            ActionConditions.ACTIONS_VALID, ActionReasons.ACTION_TARGET_NOT_FOUND),
        eventCondition("notify through a missing tool Secret", "dangling-tool",
            "type: Bash\nscript: 'true'\nactions:\n- {when: Always, notify: {tool: missing, message: hi}}",
            ActionConditions.TOOLS_VALID, ActionReasons.TOOL_NOT_FOUND),
        new Malformed("notify through a malformed tool Secret", List.of(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bad-slack\n  labels: {cronium.io/tool-type: slack}\n"
                + "stringData: {url: 'http://example.org/hook'}\n",
            event("bad-tool", "type: Bash\nscript: 'true'\nactions:\n- {when: Always, notify: {tool: bad-slack, "
                + "message: hi}}")),
            new EventCondition("bad-tool", ActionConditions.TOOLS_VALID, ActionReasons.INVALID_TOOL)),
        // Action cycles.
        eventCondition("an Event that runs itself", "self-loop",
            "type: Bash\nscript: 'true'\nactions:\n- {when: Always, runEvent: {name: self-loop}}",
            ActionConditions.ACTIONS_VALID, ActionReasons.ACTION_CYCLE),
        new Malformed("two Events that run each other", List.of(
            event("ping", "type: Bash\nscript: 'true'\nactions:\n- {when: Always, runEvent: {name: pong}}"),
            event("pong", "type: Bash\nscript: 'true'\nactions:\n- {when: Success, runEvent: {name: ping}}")),
            new EventCondition("pong", ActionConditions.ACTIONS_VALID, ActionReasons.ACTION_CYCLE)),
        // Schedules the schema cannot judge.
        invalidSchedule("a cron minute of 61", "cron-61", "{cron: '61 * * * *'}"),
        invalidSchedule("an interval below 10 s", "interval-5s", "{interval: 5s}"),
        invalidSchedule("an unknown time zone", "mars-zone", "{cron: '0 9 * * *', timeZone: Mars/Olympus}"),
        invalidSchedule("a cron that never fires", "never-fires", "{cron: '0 0 30 2 *'}"),
        invalidSchedule("a startTime that is no date", "bad-start",
            "{interval: 10s, startTime: '2026-13-45T99:99:99Z'}"));
  }

  static String event(String name, String spec) {
    return "apiVersion: cronium.io/v1alpha1\nkind: Event\nmetadata:\n  name: " + name + "\nspec:\n" + spec.indent(2);
  }

  static String run(String name, String spec) {
    return "apiVersion: cronium.io/v1alpha1\nkind: JobRun\nmetadata:\n  name: " + name + "\nspec:\n" + spec.indent(2);
  }

  private static String withoutSpec(String kind, String name) {
    return "apiVersion: cronium.io/v1alpha1\nkind: " + kind + "\nmetadata:\n  name: " + name + "\n";
  }

  private static Malformed refused(String what, String document, String says) {
    return new Malformed(what, List.of(document), new Refused(says, false));
  }

  private static Malformed strict(String what, String document, String says) {
    return new Malformed(what, List.of(document), new Refused(says, true));
  }

  private static Malformed eventCondition(String what, String name, String spec, String type, String reason) {
    return new Malformed(what, List.of(event(name, spec)), new EventCondition(name, type, reason));
  }

  private static Malformed invalidSchedule(String what, String name, String schedule) {
    return new Malformed(what, List.of(event(name, "type: Bash\nscript: 'true'\nschedule: " + schedule)),
        new EventCondition(name, EventConditions.SCHEDULE_VALID, EventReasons.INVALID_SCHEDULE));
  }
}
