package io.chatbridge.engine;

import io.chatbridge.media.MediaException;
import io.chatbridge.media.MediaInput;
import io.chatbridge.media.MediaMessages;
import io.chatbridge.media.MediaReader;
import io.chatbridge.media.TranscriptionCall;
import io.chatbridge.model.ModelException;
import io.chatbridge.usage.CallOutcome;
import io.chatbridge.usage.ModelCall;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads attachments for the engine while the typing indicator shows. It sends the member a
 * message when one cannot be used, shows what was heard in recordings, and records each
 * transcription call in the usage ledger.
 */
final class MediaStep {

    private static final Logger log = LoggerFactory.getLogger(MediaStep.class);

    /** Failures the operator can fix, logged as warnings; the rest are the member's files. */
    private static final Set<MediaException.Reason> OPERATOR_FAILURES = EnumSet.of(
            MediaException.Reason.DOWNLOAD_FAILED,
            MediaException.Reason.TRANSCRIPTION_FAILED,
            MediaException.Reason.DECODER_UNAVAILABLE);

    /** The maximum transcript length shown back to the member. The model still gets all of it. */
    private static final int MAX_SHOWN_TRANSCRIPT_CHARS = 1500;

    private final EngineContext context;
    private final MediaReader reader;
    private final MediaMessages texts;

    MediaStep(EngineContext context, MediaReader reader) {
        this.context = context;
        this.reader = reader;
        this.texts = new MediaMessages(context.messages());
    }

    /**
     * Reads the message's attachments.
     *
     * @return what they add to the turn, {@link MediaInput#NONE} without attachments, or null when
     *     one could not be used and the member got a message saying why
     */
    @Nullable MediaInput read(AnswerJob job) throws InterruptedException {
        List<Attachment> attachments = job.message().attachments();
        if (attachments.isEmpty()) {
            return MediaInput.NONE;
        }
        TypingIndicator typing = new TypingIndicator(job.sink(), context.scheduler());
        typing.start();
        try {
            return reader.read(attachments, job.media(), documentTokens(), call -> record(job, call));
        } catch (MediaException e) {
            if (OPERATOR_FAILURES.contains(e.reason())) {
                log.warn("Could not read an attachment of message {} in {}: {} {}", job.message().messageId(),
                        job.key(), e.reason(), e.getMessage());
            } else {
                log.info("Attachment of message {} in {} not used: {} {}", job.message().messageId(), job.key(),
                        e.reason(), e.getMessage());
            }
            context.notifier().send(job.sink(), job.chatRef(), texts.failure(job.language(), e));
            return null;
        } finally {
            typing.stop();
        }
    }

    /** Sends one message per transcript, before the answer, so the member sees what was understood. */
    void showHeard(AnswerJob job, MediaInput input) throws InterruptedException {
        for (String transcript : input.heard()) {
            String shown = transcript.length() <= MAX_SHOWN_TRANSCRIPT_CHARS
                    ? transcript
                    : transcript.substring(0, boundary(transcript, MAX_SHOWN_TRANSCRIPT_CHARS)) + "…";
            context.notifier().send(job.sink(), job.chatRef(), texts.heard(job.language(), shown));
        }
    }

    /** Returns the notes appended to the answer about documents read only in part, or empty. */
    String notes(AnswerJob job, MediaInput input) {
        StringBuilder notes = new StringBuilder();
        for (MediaInput.TruncatedDocument document : input.truncated()) {
            notes.append("\n\n").append(texts.truncated(job.language(), document));
        }
        return notes.toString();
    }

    /**
     * Returns the document allowance: the configured maximum, and at most half the prompt budget
     * so that the system prompt, the question and some history still fit beside it.
     */
    private int documentTokens() {
        return Math.min(reader.settings().maxDocumentTokens(), context.prompts().contextTokens() / 2);
    }

    private void record(AnswerJob job, TranscriptionCall call) {
        ModelException failure = call.failure();
        ModelCall entry = new ModelCall(call.startedAt(), job.key(), job.message().sender().id(), call.model(),
                call.upstream(), call.usage(), null, call.totalTime(),
                failure == null ? CallOutcome.ANSWERED : CallOutcome.FAILED, failure == null ? null : failure.kind());
        try {
            context.usage().record(entry);
        } catch (RuntimeException e) {
            log.error("Could not record transcription usage for {}: {}", job.key(), e.toString());
        }
    }

    private static int boundary(String text, int index) {
        return Character.isHighSurrogate(text.charAt(index - 1)) ? index - 1 : index;
    }
}
