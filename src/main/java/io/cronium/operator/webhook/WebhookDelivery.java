package io.cronium.operator.webhook;

import java.util.Optional;

/**
 * One POST to {@code /hooks/{namespace}/{event}}, read in full (within the size limit) and
 * carrying a credential; not yet checked against the Event.
 */
record WebhookDelivery(
    String namespace, String eventName, WebhookCredential credential, byte[] body, Optional<String> idempotencyKey) {}
