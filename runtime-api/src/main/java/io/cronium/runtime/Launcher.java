package io.cronium.runtime;

import io.cronium.contract.InvalidRunSpecException;
import io.cronium.contract.RunResult;
import io.cronium.contract.RunSpec;
import io.cronium.contract.RunSpecParser;
import io.cronium.contract.RuntimeEnv;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * One run from spec to result: parse the spec, serve the helper API, run the script (or the HTTP
 * request), write the result, and answer the exit code. Failures of the launcher itself become a
 * one-line message and the {@code error} of the result, never a stack trace.
 */
final class Launcher {

    static final int BAD_SPEC_EXIT_CODE = 2;
    /** EX_SOFTWARE of sysexits.h: a bug in runtime-api, reported rather than thrown. */
    static final int INTERNAL_ERROR_EXIT_CODE = 70;
    static final int CANNOT_RUN_EXIT_CODE = 126;
    static final int INTERPRETER_MISSING_EXIT_CODE = 127;

    private final LauncherSettings settings;
    private final Map<String, String> env;
    private final SecretMask mask;
    private final PrintStream out;
    private final PrintStream err;
    private final ScriptRunner scriptRunner;
    private final HttpRequestRunner httpRunner;

    /**
     * Everything the run prints to {@code out} and {@code err}, and its result, is masked: the
     * Secret-sourced variables and the mounted tool Secrets' credentials.
     */
    Launcher(LauncherSettings settings, Map<String, String> env, PrintStream out, PrintStream err) {
        this.settings = settings;
        this.env = env;
        this.mask = SecretMask.of(env, MountedTools.credentials(settings.toolsDir()));
        this.out = mask.wrap(out);
        this.err = mask.wrap(err);
        this.scriptRunner = new ScriptRunner(this.out, this.err, mask.overlapBytes());
        this.httpRunner = new HttpRequestRunner(env, this.out, this.err);
    }

    int run() throws InterruptedException {
        RunResult result = mask.mask(execute());
        new ResultWriter(settings.terminationMessagePath(), out, err).write(result);
        return result.exitCode();
    }

    /** Forwards a SIGTERM to whatever is running; the run then ends and reports as usual. */
    void terminate() {
        scriptRunner.terminate();
        httpRunner.cancel();
    }

    /** For a script that did not stop after {@link #terminate()}. */
    void kill() {
        scriptRunner.kill();
    }

    private RunResult execute() throws InterruptedException {
        RunSpec spec;
        try {
            spec = RunSpecParser.parse(env.get(RuntimeEnv.RUN_SPEC));
        } catch (InvalidRunSpecException e) {
            return fail(BAD_SPEC_EXIT_CODE, "invalid run spec: " + e.getMessage());
        }
        RunState state = new RunState();
        VariableStore variables = new VariableStore(settings.variablesDir());
        try (ScriptSends sends = new ScriptSends(spec.tools(), settings.toolsDir(),
                spec.event().path("namespace").asText(), spec.allowPrivateTargets())) {
            ExecutionOutcome outcome = spec.type().isScript()
                    ? runScript(spec, state, variables, sends)
                    : httpRunner.run(spec.http(), spec.timeout(), state);
            return RunResults.of(outcome, state, variables, sends.records());
        } catch (InvalidRunSpecException e) {
            return fail(BAD_SPEC_EXIT_CODE, "invalid run spec: " + e.getMessage());
        } catch (InterpreterNotFoundException e) {
            return fail(INTERPRETER_MISSING_EXIT_CODE, e.getMessage());
        } catch (IOException e) {
            return fail(CANNOT_RUN_EXIT_CODE, "cannot start the script: " + e.getMessage());
        } catch (RuntimeException e) {
            return fail(INTERNAL_ERROR_EXIT_CODE, "runtime-api failed: " + e);
        }
    }

    private ExecutionOutcome runScript(RunSpec spec, RunState state, VariableStore variables, ScriptSends sends)
            throws IOException, InterpreterNotFoundException, InterruptedException {
        ScriptInvocation invocation = ScriptInvocation.prepare(spec.type(), spec.script(), settings.helpersDir(),
                settings.scratchDir(), env);
        try (HelperApiServer api = HelperApiServer.start(spec, state, variables, sends)) {
            ProcessBuilder builder = new ProcessBuilder(invocation.command())
                    .directory(settings.workingDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Map<String, String> childEnv = builder.environment();
            childEnv.clear();
            childEnv.putAll(childEnvironment(spec, api));
            childEnv.putAll(invocation.environment());
            return scriptRunner.run(builder, spec.timeout());
        } finally {
            invocation.deleteScriptDirectory();
        }
    }

    /**
     * The launcher's environment (the Event's {@code env} entries arrive there) plus the helper
     * API coordinates. The spec itself is left out: the script reads it through the helpers, and
     * a large input would otherwise count twice against the environment size limit.
     */
    private Map<String, String> childEnvironment(RunSpec spec, HelperApiServer api) {
        Map<String, String> childEnv = new HashMap<>(env);
        childEnv.remove(RuntimeEnv.RUN_SPEC);
        childEnv.put("CRONIUM_RUNTIME_API", api.baseUrl());
        childEnv.put("CRONIUM_EXECUTION_TOKEN", api.token());
        childEnv.put("CRONIUM_EXECUTION_ID", spec.executionId());
        return childEnv;
    }

    private RunResult fail(int exitCode, String message) {
        Console.line(err, message);
        return RunResults.failure(exitCode, message);
    }
}
