package org.jtcg.core.engine;

/** A block too big for one generated method; the engine retranslates with fewer instructions. */
public final class BlockTooLargeException extends RuntimeException {
    public BlockTooLargeException(String message) {
        super(message);
    }
}
