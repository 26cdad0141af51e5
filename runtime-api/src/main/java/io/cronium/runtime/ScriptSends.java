package io.cronium.runtime;

import io.cronium.contract.RunResult;
import io.cronium.contract.ToolGrant;
import io.cronium.contract.ToolSendRecord;
import io.cronium.tools.SendOutcome;
import io.cronium.tools.SendReasons;
import io.cronium.tools.TargetGuard;
import io.cronium.tools.Tool;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.ToolSender;
import io.cronium.tools.ToolType;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The script's sends through the tool Secrets its Event lists: picks the tool, reads its mounted
 * Secret with the operator's checks, sends with the operator's {@link ToolSender} and keeps a
 * record of each for the result. A tool the Event does not list is refused before anything is
 * read or sent.
 */
final class ScriptSends implements AutoCloseable {

    private final List<ToolGrant> grants;
    private final Path toolsDir;
    private final String namespace;
    private final boolean allowPrivateTargets;
    private final List<ToolSendRecord> records = new ArrayList<>();
    private Vertx vertx;
    private ToolSender sender;

    /** @param toolsDir where the Pod mounts each listed Secret, one directory per tool */
    ScriptSends(List<ToolGrant> grants, Path toolsDir, String namespace, boolean allowPrivateTargets) {
        this.grants = List.copyOf(grants);
        this.toolsDir = toolsDir;
        this.namespace = namespace;
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /**
     * One send, carried out or refused, and recorded either way (up to {@link RunResult#MAX_SENDS}).
     * One at a time: scripts send few messages, and the records keep the order they were sent in.
     */
    synchronized SendOutcome send(SendRequest request) {
        if (records.size() >= RunResult.MAX_SENDS) {
            return SendOutcome.failed(SendReasons.INVALID_MESSAGE, "a run may send at most " + RunResult.MAX_SENDS
                    + " messages; this one was not sent");
        }
        ToolGrant grant;
        try {
            grant = grantFor(request);
        } catch (Refusal refusal) {
            return record(request.tool().orElse(""), request.type(), Optional.empty(), refusal.outcome);
        }
        String name = grant.name();
        Map<String, String> fields = MountedTools.fields(toolsDir, name);
        if (fields.isEmpty()) {
            return record(name, request.type(), Optional.empty(),
                    SendOutcome.failed(SendReasons.TOOL_NOT_FOUND, ToolSecrets.notFound(name, namespace)));
        }
        ToolSecrets.Result read = ToolSecrets.read(name, grant.type(), fields);
        if (read.tool().isEmpty()) {
            return record(name, request.type(), Optional.empty(),
                    SendOutcome.failed(SendReasons.INVALID_TOOL, read.problem().orElseThrow()));
        }
        Tool tool = read.tool().get();
        Optional<ToolType> type = Optional.of(tool.type());
        if (request.type().isPresent() && request.type().get() != tool.type()) {
            return record(name, request.type(), Optional.empty(), SendOutcome.failed(SendReasons.INVALID_MESSAGE,
                    "tool \"" + name + "\" is a " + tool.type() + " tool, not " + request.type().get()));
        }
        Optional<String> target = request.namedTarget(tool.type()).or(() -> Optional.of(host(tool)));
        try {
            return record(name, type, target, sender().send(tool, request.message(tool.type())));
        } catch (SendRequest.InvalidSendException e) {
            return record(name, type, target, SendOutcome.failed(SendReasons.INVALID_MESSAGE,
                    "tool \"" + name + "\": " + e.getMessage()));
        }
    }

    synchronized List<ToolSendRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public synchronized void close() {
        if (vertx != null) {
            vertx.close();
        }
    }

    /**
     * The listed tool the request names, or the Event's one tool of the requested type. Several of
     * that type are refused rather than guessed between: each may post to a different channel.
     */
    private ToolGrant grantFor(SendRequest request) throws Refusal {
        String listed = grants.isEmpty() ? "it lists none" : "it lists " + String.join(", ", names(grants));
        if (request.tool().isPresent()) {
            String named = request.tool().get();
            Optional<ToolGrant> byName = grants.stream().filter(grant -> grant.name().equals(named)).findFirst();
            if (byName.isPresent()) {
                return byName.get();
            }
            Optional<ToolType> asType = ToolType.of(named);
            if (asType.isEmpty()) {
                throw new Refusal(SendOutcome.failed(SendReasons.TOOL_NOT_LISTED, "tool \"" + named
                        + "\" is not listed in the Event's spec.tools (" + listed + "); nothing was sent"));
            }
            return onlyOfType(asType.get(), listed);
        }
        if (request.type().isEmpty()) {
            throw new Refusal(SendOutcome.failed(SendReasons.INVALID_MESSAGE,
                    "name a tool: a Secret listed in the Event's spec.tools, or a type (slack, discord, email, webhook)"));
        }
        return onlyOfType(request.type().get(), listed);
    }

    private ToolGrant onlyOfType(ToolType type, String listed) throws Refusal {
        List<ToolGrant> ofType = grants.stream().filter(grant -> type.name().equals(grant.type())).toList();
        if (ofType.isEmpty()) {
            throw new Refusal(SendOutcome.failed(SendReasons.TOOL_NOT_LISTED, "the Event lists no " + type
                    + " tool in spec.tools (" + listed + "); nothing was sent"));
        }
        if (ofType.size() > 1) {
            throw new Refusal(SendOutcome.failed(SendReasons.INVALID_MESSAGE, "the Event lists " + ofType.size() + " "
                    + type + " tools (" + String.join(", ", names(ofType)) + "); name the one to send through"));
        }
        return ofType.get(0);
    }

    private static List<String> names(List<ToolGrant> grants) {
        return grants.stream().map(ToolGrant::name).toList();
    }

    private static String host(Tool tool) {
        return tool.type() == ToolType.email
                ? tool.field("host").strip()
                : URI.create(tool.field("url").strip()).getHost();
    }

    /** Started on the first send: runs that send nothing never pay for Vert.x. */
    private ToolSender sender() {
        if (sender == null) {
            vertx = Vertx.vertx();
            sender = new ToolSender(new TargetGuard(allowPrivateTargets), vertx);
        }
        return sender;
    }

    private SendOutcome record(String tool, Optional<ToolType> type, Optional<String> target, SendOutcome outcome) {
        records.add(new ToolSendRecord(tool, type.map(Enum::name).orElse(null), target.orElse(null), outcome.sent(),
                outcome.reason(), outcome.message()));
        return outcome;
    }

    private static final class Refusal extends Exception {
        private final SendOutcome outcome;

        Refusal(SendOutcome outcome) {
            super(outcome.message(), null, false, false);
            this.outcome = outcome;
        }
    }
}
