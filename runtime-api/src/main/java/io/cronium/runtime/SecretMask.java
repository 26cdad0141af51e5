package io.cronium.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cronium.contract.RunResult;
import io.cronium.contract.ToolSendRecord;
import io.cronium.contract.RuntimeEnv;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Replaces the values of the Secret-sourced variables ({@link RuntimeEnv#MASKED_ENV}) and the
 * credentials of the mounted tool Secrets with {@value #MASK} wherever the run could show them:
 * its log, its output, its error and its sends. Values
 * shorter than {@value #MIN_MASKED_BYTES} bytes are left alone, as CI systems do: masking every
 * "1" or "yes" would garble the log and hide nothing worth hiding.
 */
final class SecretMask {

    static final String MASK = "***";
    static final int MIN_MASKED_BYTES = 4;

    private static final byte[] MASK_BYTES = MASK.getBytes(StandardCharsets.UTF_8);

    /** Longest first, so a value containing another is masked whole. */
    private final List<byte[]> values;

    private SecretMask(List<byte[]> values) {
        this.values = values;
    }

    /** @param credentials further values to mask: the tool Secrets' ({@link MountedTools#credentials}) */
    static SecretMask of(Map<String, String> env, List<String> credentials) {
        String names = env.getOrDefault(RuntimeEnv.MASKED_ENV, "");
        return new SecretMask(Stream.concat(Arrays.stream(names.split(","))
                        .map(String::strip)
                        .filter(name -> !name.isEmpty())
                        .map(env::get), credentials.stream())
                .filter(Objects::nonNull)
                .map(value -> value.getBytes(StandardCharsets.UTF_8))
                .filter(value -> value.length >= MIN_MASKED_BYTES)
                .sorted(Comparator.comparingInt((byte[] value) -> value.length).reversed())
                .toList());
    }

    /**
     * Bytes that pieces of one long line must carry over from one piece to the next, so that a
     * value cut by the boundary arrives whole in the next piece: one less than the longest value.
     */
    int overlapBytes() {
        return values.isEmpty() ? 0 : values.get(0).length - 1;
    }

    byte[] mask(byte[] bytes, int offset, int length) {
        ByteArrayOutputStream masked = new ByteArrayOutputStream(length);
        int end = offset + length;
        int i = offset;
        while (i < end) {
            byte[] value = valueAt(bytes, i, end);
            if (value != null) {
                masked.writeBytes(MASK_BYTES);
                i += value.length;
            } else {
                masked.write(bytes[i++]);
            }
        }
        return masked.toByteArray();
    }

    String mask(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new String(mask(bytes, 0, bytes.length), StandardCharsets.UTF_8);
    }

    /**
     * A copy with every field name and scalar masked; a number or boolean that shows a value
     * becomes the masked text.
     */
    JsonNode mask(JsonNode node) {
        if (values.isEmpty()) {
            return node;
        }
        if (node.isObject()) {
            ObjectNode masked = JsonNodeFactory.instance.objectNode();
            node.fields().forEachRemaining(field -> masked.set(mask(field.getKey()), mask(field.getValue())));
            return masked;
        }
        if (node.isArray()) {
            ArrayNode masked = JsonNodeFactory.instance.arrayNode();
            node.forEach(element -> masked.add(mask(element)));
            return masked;
        }
        if (node.isValueNode() && !node.isNull()) {
            String text = node.asText();
            String masked = mask(text);
            return masked.equals(text) ? node : JsonNodeFactory.instance.textNode(masked);
        }
        return node;
    }

    /** The result as the run may report it: output, error and what the script named in its sends masked. */
    RunResult mask(RunResult result) {
        if (values.isEmpty()) {
            return result;
        }
        List<ToolSendRecord> sends = result.sends().stream()
                .map(send -> new ToolSendRecord(send.tool(), send.type(), mask(send.target()), send.sent(), send.reason(),
                        mask(send.message())))
                .toList();
        return new RunResult(result.exitCode(), result.output().map(this::mask), result.condition(),
                result.variables(), result.deletedVariables(), result.timedOut(), mask(result.error()), result.outputTruncated(),
                result.resultInLog(), result.outputChunks(), sends);
    }

    /** {@code target}, with every write masked; the writer must not cut a value across writes. */
    PrintStream wrap(PrintStream target) {
        if (values.isEmpty()) {
            return target;
        }
        return new PrintStream(new MaskingOutputStream(target, this), false, StandardCharsets.UTF_8);
    }

    private byte[] valueAt(byte[] bytes, int position, int end) {
        for (byte[] value : values) {
            if (end - position >= value.length
                    && Arrays.equals(bytes, position, position + value.length, value, 0, value.length)) {
                return value;
            }
        }
        return null;
    }
}
