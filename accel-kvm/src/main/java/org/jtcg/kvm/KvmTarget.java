package org.jtcg.kvm;

import org.jtcg.core.memory.PagedMemory;
import org.jtcg.kvm.sys.Kvm;

import java.util.List;

/**
 * The KVM plug-in of one guest architecture (the accel-kvm SPI), found with
 * {@link java.util.ServiceLoader} ({@code META-INF/services/org.jtcg.kvm.KvmTarget}) and keyed by the
 * {@code GuestArch} name. The generic {@link KvmEngine} owns /dev/kvm, the VM, the RAM memory slots,
 * the dirty log, the run loop, handoff ({@code Engine.leave}), statistics and {@code --verify-sync};
 * the plug-in owns everything that knows registers or the architecture.
 *
 * <p>Contract:
 * <ul>
 * <li>A target is stateless and thread-safe; {@link #create} makes the per-engine half
 *     ({@link TargetVcpu}), which holds all per-VM state. One engine, one {@code TargetVcpu}.</li>
 * <li>{@link #create} runs before /dev/kvm is opened: it may check the guest memory configuration and
 *     throw {@link IllegalArgumentException} with a one-line message, but must not issue ioctls.</li>
 * <li>A target may create throw-away engines of its own (probes of what the host's KVM does), with
 *     {@link KvmEngine#KvmEngine(org.jtcg.core.engine.EngineContext, KvmOptions, KvmTarget)}.</li>
 * <li>To add an architecture: implement this interface and {@link TargetVcpu} (with a
 *     {@link RegisterTransport}) in the plug-in's package, and add one line naming the class to the
 *     services file. Nothing generic changes.</li>
 * </ul>
 */
public interface KvmTarget {
    /** The guest architecture this target runs ({@code GuestArch.name()}, e.g. "x86_64"). */
    String archName();

    /** Null when this host can run the target's guests under KVM, else one line saying why not. */
    String hostUnsupportedReason(String hostArch);

    /** The KVM capabilities the plug-in relies on, checked in order when /dev/kvm is opened. */
    List<Kvm.Capability> requiredCapabilities();

    /** The per-engine half for a guest whose RAM is {@code memory}; no ioctls yet. */
    TargetVcpu create(PagedMemory memory);

    /**
     * Null when a guest that starts under this KVM can later be handed to a TCG engine; otherwise one
     * line saying why not (e.g. the guest's C library saw the host CPU's features). Called only where
     * KVM is usable; may run a probe VM once per JVM.
     */
    default String tcgHandoffLimitation() {
        return null;
    }
}
