package io.chatbridge.usage;

import io.chatbridge.engine.InboundMessage;

/**
 * Access lists, rate limits and budgets, consulted by the engine. Thread-safe.
 */
public interface Gatekeeper {

    /** A gatekeeper that lets everything through. */
    Gatekeeper OPEN = new Gatekeeper() {
        @Override
        public boolean allows(InboundMessage message, boolean admin) {
            return true;
        }

        @Override
        public Admission admit(AdmissionRequest request) {
            return Admission.granted();
        }
    };

    /**
     * Returns whether the member and chat may use the bot at all. A false answer means silence:
     * blocked members and chats get no reply, not even to commands.
     */
    boolean allows(InboundMessage message, boolean admin);

    /** Decides whether a model call may go ahead now, counting it against limits when granted. */
    Admission admit(AdmissionRequest request);
}
