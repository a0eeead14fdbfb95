package io.chatbridge.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged {@code chatbridge.jar} run as a separate process, as an operator runs it, with its
 * output collected for assertions.
 */
final class BotProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private BotProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> copy(process.getInputStream()));
    }

    /** Starts {@code java -jar chatbridge.jar ARGS} in a working directory with the given environment. */
    static BotProcess start(Path workDir, Map<String, String> env, String... args) throws IOException {
        BotProcess started = launch(workDir, env, args);
        started.process.getOutputStream().close();
        return started;
    }

    /** Like {@link #start} and then types {@code input} on the process's standard input. */
    static BotProcess startWithInput(Path workDir, Map<String, String> env, String input, String... args)
            throws IOException {
        BotProcess started = launch(workDir, env, args);
        try (var stdin = started.process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        return started;
    }

    /** Like {@link #start} with extra JVM options, such as a heap limit. */
    static BotProcess startWithJvmOptions(Path workDir, Map<String, String> env, List<String> jvmOptions,
            String... args) throws IOException {
        BotProcess started = launch(workDir, env, jvmOptions, args);
        started.process.getOutputStream().close();
        return started;
    }

    private static BotProcess launch(Path workDir, Map<String, String> env, String... args) throws IOException {
        return launch(workDir, env, List.of(), args);
    }

    private static BotProcess launch(Path workDir, Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        String jar = System.getProperty("chatbridge.jar", "target/chatbridge.jar");
        List<String> command = new java.util.ArrayList<>(List.of(java));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", Path.of(jar).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        // Only what the test gives: no real token or key from the developer's shell can leak in.
        builder.environment().keySet().removeIf(name -> name.startsWith("OPENAI_") || name.startsWith("TELEGRAM_")
                || name.startsWith("DISCORD_") || name.startsWith("CHATBRIDGE_"));
        builder.environment().putAll(env);
        return new BotProcess(builder.start());
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            output.append("\n[output closed: ").append(e).append("]\n");
        }
    }

    /** Returns everything the process printed so far, standard output and error together. */
    String output() {
        return output.toString();
    }

    long pid() {
        return process.pid();
    }

    /** Waits for the process to exit by itself and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            String threads = threadDump();
            process.destroyForcibly();
            throw new AssertionError("chatbridge did not exit within " + timeout + "; output:\n" + output()
                    + "\nthreads:\n" + threads);
        }
        reader.join(Duration.ofSeconds(5));
        return process.exitValue();
    }

    // A hung process is easier to diagnose with its threads in the failure message.
    private String threadDump() {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path jcmd = Path.of(java).resolveSibling("jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true).start();
            dump.getOutputStream().close();
            if (!dump.waitFor(10, TimeUnit.SECONDS)) {
                dump.destroyForcibly();
                return "(jcmd timed out)";
            }
            return new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /** Stops the process with SIGTERM, as a service manager does, and waits for it. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Kills the process with SIGKILL, as a crash or the OOM killer would, and waits for it. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
