package io.cronium.runtime;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a run executes; the names are the contract's {@code type} values. */
enum RunType {
    Bash,
    Python,
    NodeJS,
    HTTP;

    static Optional<RunType> fromName(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    boolean isScript() {
        return this != HTTP;
    }
}
