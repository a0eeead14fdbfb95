package io.chatbridge.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external tool (ffmpeg, ffprobe) with an argument list, never through a shell, with a
 * time limit and a cap on what it may print. Thread-safe.
 */
final class ProcessRunner {

    /** The maximum bytes of standard error kept for messages. The rest is read and dropped. */
    private static final int MAX_STDERR_BYTES = 4096;

    /**
     * The output of a finished run.
     *
     * @param exitCode the process's exit code
     * @param stdout standard output, at most the cap given to {@link #run}
     * @param stderr the start of standard error, for messages
     */
    record Result(int exitCode, byte[] stdout, String stderr) {}

    /** A run that printed more than allowed or took too long; the process was killed. */
    static final class LimitExceeded extends Exception {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private ProcessRunner() {}

    /**
     * Runs a command to its end.
     *
     * @param command the program and its arguments
     * @param timeout the longest the process may run
     * @param maxStdout the most bytes of standard output accepted
     * @throws IOException when the program cannot be started
     * @throws LimitExceeded when it runs longer than {@code timeout} or prints more than {@code maxStdout}
     * @throws InterruptedException when the calling thread is interrupted; the process is killed
     */
    static Result run(List<String> command, Duration timeout, long maxStdout)
            throws IOException, LimitExceeded, InterruptedException {
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullDevice())).start();
        try {
            Capture stdout = new Capture(process.getInputStream(), maxStdout, process::destroyForcibly);
            Capture stderr = new Capture(process.getErrorStream(), MAX_STDERR_BYTES, () -> { });
            Thread stdoutReader = Thread.ofVirtual().start(stdout);
            Thread stderrReader = Thread.ofVirtual().start(stderr);

            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new LimitExceeded(command.getFirst() + " ran longer than " + timeout.toSeconds() + " s");
            }
            stdoutReader.join();
            stderrReader.join();
            if (stdout.overflowed) {
                throw new LimitExceeded(command.getFirst() + " printed more than " + maxStdout + " bytes");
            }
            return new Result(process.exitValue(), stdout.bytes.toByteArray(),
                    stderr.bytes.toString(StandardCharsets.UTF_8).strip());
        } finally {
            process.destroyForcibly();
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Reads a stream to its end, keeping at most a number of bytes. The first byte over the
     * limit marks it overflowed and runs {@code onOverflow}, which kills the process for stdout.
     */
    private static final class Capture implements Runnable {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final InputStream input;
        private final long max;
        private final Runnable onOverflow;
        volatile boolean overflowed;

        Capture(InputStream input, long max, Runnable onOverflow) {
            this.input = input;
            this.max = max;
            this.onOverflow = onOverflow;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[64 * 1024];
            try (input) {
                int read;
                while ((read = input.read(buffer)) != -1) {
                    long room = max - bytes.size();
                    if (read > room) {
                        bytes.write(buffer, 0, (int) Math.max(0, room));
                        if (!overflowed) {
                            overflowed = true;
                            onOverflow.run();
                        }
                    } else {
                        bytes.write(buffer, 0, read);
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its stream; what was read so far is kept.
            }
        }
    }
}
