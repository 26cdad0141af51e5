package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.cronium.tools.ToolMessage;
import io.cronium.tools.ToolSecrets;
import io.cronium.tools.ToolType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A send as the script's helpers ask for it ({@code POST /tools/send}):
 * <pre>
 *   {"tool": "ops-slack" | "slack" | null,   a listed tool Secret, or a type to use the Event's one tool of
 *    "type": "slack" | null,                 the type a named helper sends as (sendSlackMessage: slack)
 *    "action": "send-message" | null,        executeToolAction's action
 *    "config": {...}}                        the helper's arguments, with Cronium's names
 * </pre>
 * The config of each type: slack {@code text}, {@code channel}; discord {@code content},
 * {@code channel_id}; email {@code to}, {@code subject}, {@code body}, {@code cc}, {@code bcc}
 * (each recipient list a string with commas or an array; without {@code to}, the tool's own
 * recipients); webhook {@code message}, {@code subject}. Problems are one sentence for the
 * script, as {@link InvalidSendException}.
 */
record SendRequest(Optional<String> tool, Optional<ToolType> type, JsonNode config) {

    static SendRequest parse(JsonNode body) throws InvalidSendException {
        if (!body.isObject()) {
            throw new InvalidSendException("a send must be a JSON object with tool, action and config");
        }
        Optional<String> tool = optionalText(body, "tool");
        Optional<ToolType> type = Optional.empty();
        Optional<String> typeName = optionalText(body, "type");
        if (typeName.isPresent()) {
            type = Optional.of(ToolType.of(typeName.get()).orElseThrow(() -> new InvalidSendException(
                    "type must be one of slack, discord, email, webhook, not \"" + typeName.get() + "\"")));
        }
        Optional<String> action = optionalText(body, "action");
        if (action.isPresent()) {
            Optional<ToolType> actionType = actionType(action.get());
            if (type.isPresent() && actionType.isPresent() && type.get() != actionType.get()) {
                throw new InvalidSendException("action " + action.get() + " does not send " + type.get());
            }
            type = type.or(() -> actionType);
        }
        JsonNode config = body.path("config");
        if (!config.isObject()) {
            throw new InvalidSendException("config must be a JSON object of the message's fields");
        }
        return new SendRequest(tool, type, config);
    }

    /**
     * executeToolAction's actions: send-email for email; send-message for the others, where the
     * tool decides which (empty), or with the type in front, as Cronium names them.
     */
    private static Optional<ToolType> actionType(String action) throws InvalidSendException {
        return switch (action) {
            case "send-email" -> Optional.of(ToolType.email);
            case "send-message" -> Optional.empty();
            case "slack-send-message" -> Optional.of(ToolType.slack);
            case "discord-send-message" -> Optional.of(ToolType.discord);
            case "webhook-send-message" -> Optional.of(ToolType.webhook);
            default -> throw new InvalidSendException("unknown tool action \"" + action + "\"; use send-email for"
                    + " email tools and send-message (or slack-send-message, discord-send-message,"
                    + " webhook-send-message) for the others");
        };
    }

    /** The message for a tool of {@code type}, from the config's fields of that type. */
    ToolMessage message(ToolType type) throws InvalidSendException {
        return switch (type) {
            case slack -> new ToolMessage(null, required("text"), List.of(), List.of(), List.of(),
                    optionalText(config, "channel").orElse(null));
            case discord -> ToolMessage.of(null, required("content"));
            case webhook -> ToolMessage.of(optionalText(config, "subject").orElse(null), required("message"));
            // Without "to" the mail goes to the tool Secret's own recipients.
            case email -> new ToolMessage(optionalText(config, "subject").orElse(""), required("body"),
                    addresses("to"), addresses("cc"), addresses("bcc"), null);
        };
    }

    /** Who the message is for, as the run's status shows it: what the script named, if anything. */
    Optional<String> namedTarget(ToolType type) {
        return switch (type) {
            case slack -> optionalText(config, "channel");
            case discord -> optionalText(config, "channel_id");
            case email -> Optional.of(String.join(", ", addressesOrEmpty("to"))).filter(to -> !to.isEmpty());
            case webhook -> Optional.empty();
        };
    }

    private String required(String field) throws InvalidSendException {
        return optionalText(config, field).orElseThrow(() -> new InvalidSendException(field + " is required"));
    }

    private List<String> addressesOrEmpty(String field) {
        try {
            return addresses(field);
        } catch (InvalidSendException e) {
            return List.of();
        }
    }

    private List<String> addresses(String field) throws InvalidSendException {
        JsonNode node = config.get(field);
        List<String> result = new ArrayList<>();
        if (node == null || node.isNull()) {
            return result;
        }
        if (node.isTextual()) {
            for (String part : node.textValue().split(",")) {
                if (!part.isBlank()) {
                    result.add(part.strip());
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                result.add(element.asText().strip());
            }
        } else {
            throw new InvalidSendException(field + " must be an email address, several separated by commas, or a list");
        }
        for (String address : result) {
            if (!ToolSecrets.isEmailAddress(address)) {
                throw new InvalidSendException(field + " must hold email addresses like ops@example.org, not \""
                        + address + "\"");
            }
        }
        return result;
    }

    private static Optional<String> optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.isTextual() ? node.textValue() : node.toString());
    }

    /** A send the script asked for in a way that cannot be carried out; nothing was sent. */
    static final class InvalidSendException extends Exception {
        InvalidSendException(String message) {
            super(message, null, false, false);
        }
    }
}
