package io.chatbridge.usage;

/** Receives every finished model call. The engine calls it before it reports an answer done. */
@FunctionalInterface
public interface UsageRecorder {

    /** A recorder that keeps nothing. */
    UsageRecorder NONE = call -> {};

    /** Records a call durably; must not throw for ordinary storage trouble, but log it. */
    void record(ModelCall call);
}
