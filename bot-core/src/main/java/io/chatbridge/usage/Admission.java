package io.chatbridge.usage;

import io.chatbridge.i18n.MessageKey;
import java.util.List;

/** Whether a model call may go ahead. */
public sealed interface Admission {

    /** The call may go ahead; {@link #release()} must be called when it ends, whatever the outcome. */
    record Granted(Runnable release) implements Admission {}

    /** The call is refused; the member is told the message with its arguments. */
    record Refused(MessageKey reason, List<Object> arguments) implements Admission {
        public Refused {
            arguments = List.copyOf(arguments);
        }
    }

    /** Returns a grant with nothing to release. */
    static Admission granted() {
        return new Granted(() -> {});
    }
}
