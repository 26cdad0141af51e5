package io.cronium.contract;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a run executes; the names are the run spec's {@code type} values. */
public enum RunType {
    Bash,
    Python,
    NodeJS,
    HTTP;

    public static Optional<RunType> fromName(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    public static String allNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    public boolean isScript() {
        return this != HTTP;
    }
}
