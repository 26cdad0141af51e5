package io.cronium.contract;

/** What the script printed: a run's log without the output chunk and result lines runtime-api adds at its end. */
public final class ScriptLog {

    private ScriptLog() {
    }

    public static String of(String log) {
        int result = ResultLine.lastIn(log);
        String beforeResult = result < 0 ? log : log.substring(0, result);
        int chunks = OutputChunks.start(beforeResult);
        return chunks < 0 ? beforeResult : beforeResult.substring(0, chunks);
    }
}
