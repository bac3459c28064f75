package org.jtcg.kvm;

/**
 * The VM itself failed (not the guest program): a fault in the engine's ring-0 code, a triple
 * fault, a failed VM entry, an access to unbacked guest-physical memory. One-line message with
 * the exit and the relevant registers.
 */
public final class KvmEngineException extends RuntimeException {
    public KvmEngineException(String message) {
        super(message);
    }

    /** "KVM engine: WHAT (POSITION)", e.g. position "vCPU rip 0x401000, rsp 0x7ffc0000". */
    public static KvmEngineException at(String what, String position) {
        return new KvmEngineException("KVM engine: " + what + " (" + position + ")");
    }
}
