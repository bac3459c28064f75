package org.jtcg.core.linux;

import org.jtcg.core.cpu.CpuState;
import org.jtcg.core.engine.Engine;
import org.jtcg.core.memory.PagedMemory;

import java.util.Map;

/**
 * fork, vfork and the process forms of clone (no CLONE_THREAD): a new guest process with a copy of the
 * address space ({@link AddressSpaceCopy}), of the CPU state (the child sees 0 as the syscall's result),
 * of the fd table (sharing the open descriptions) and of the signal dispositions, running on its own JVM
 * thread with a new engine of the run's kind ({@link ProcessLauncher}). vfork (CLONE_VFORK) is a fork
 * whose parent waits until the child execs or ends; with CLONE_VM and no CLONE_THREAD (posix_spawn) the
 * child still gets a copy, so what it writes to memory before exec is not seen by the parent.
 */
final class ForkSyscalls {
    private final LinuxProcess proc;

    ForkSyscalls(LinuxProcess proc) {
        this.proc = proc;
    }

    void register(Map<String, SyscallHandler> m) {
        m.put("fork", a -> fork(CloneArgs.fork()));
        m.put("vfork", a -> fork(CloneArgs.vfork()));
        m.put("clone", a -> clone(CloneArgs.decode(a, proc.abi().cloneArgOrder())));
        m.put("clone3", a -> clone3(a[0], a[1]));
    }

    /** struct clone_args (include/uapi/linux/sched.h): the sizes Linux accepts (VER0 64 bytes .. VER2 88). */
    static final int CLONE_ARGS_SIZE_VER0 = 64, CLONE_ARGS_SIZE_MAX = 88;

    /**
     * clone3: the same process forms as clone, from a struct; the stack is given as base and size (the child
     * starts with SP at their end on all three arches). Thread forms answer ENOSYS here, which makes glibc
     * fall back to clone.
     */
    long clone3(long argsPtr, long size) {
        if (size < CLONE_ARGS_SIZE_VER0 || size > 4096) return -Errno.EINVAL;
        java.nio.ByteBuffer b = proc.io().read(argsPtr, (int) Math.min(size, CLONE_ARGS_SIZE_MAX));
        for (long off = CLONE_ARGS_SIZE_MAX; off < size; off++) {
            if (proc.io().bytes(argsPtr + off, 1)[0] != 0) return -Errno.E2BIG;  // unknown trailing fields must be 0
        }
        long flags = b.getLong(0), childTid = b.getLong(16), parentTid = b.getLong(24), exitSignal = b.getLong(32),
                stack = b.getLong(40), stackSize = b.getLong(48), tls = b.getLong(56);
        if ((exitSignal & ~CloneArgs.CSIGNAL) != 0 || (flags & CloneArgs.CSIGNAL) != 0) return -Errno.EINVAL;
        if ((stack == 0) != (stackSize == 0)) return -Errno.EINVAL;
        return clone(new CloneArgs(flags | exitSignal, stack == 0 ? 0 : stack + stackSize, parentTid, childTid, tls));
    }

    /** clone: the process forms here; threads (CLONE_THREAD, or CLONE_VM without CLONE_VFORK) belong to the thread layer. */
    long clone(CloneArgs c) {
        if (c.has(CloneArgs.CLONE_THREAD) || c.has(CloneArgs.CLONE_VM) && !c.has(CloneArgs.CLONE_VFORK)) {
            return -Errno.ENOSYS;
        }
        if (c.has(CloneArgs.CLONE_SIGHAND) || c.has(CloneArgs.CLONE_FILES) || c.has(CloneArgs.CLONE_FS)) {
            // sharing fds, cwd or handlers between separate processes is not modelled
            return -Errno.EINVAL;
        }
        return fork(c);
    }

    /** Creates the child process; returns its pid to the parent. */
    long fork(CloneArgs c) {
        ProcessLauncher launcher = proc.table().launcher();
        if (launcher == null || !(proc.memory() instanceof PagedMemory parentMemory)) {
            // an embedding without a launcher (tests, jtcg diff) cannot run a second process
            return -Errno.ENOSYS;
        }
        CpuState parentCpu = proc.dispatcher().currentCpu();
        PagedMemory childMemory = AddressSpaceCopy.copy(parentMemory);
        CpuState childCpu = ThreadLauncher.copyCpu(parentCpu);
        childCpu.attachMemory(childMemory);
        long pid = proc.table().allocateId();
        LinuxProcess child = new LinuxProcess(proc, childMemory, pid);
        child.setExitSignal(c.exitSignal());
        proc.abi().setSyscallResult(childCpu, 0);
        if (c.stack() != 0 && !proc.abi().setThreadStart(childCpu, c.stack(), false, 0)) {
            return -Errno.EINVAL;  // this arch cannot set a new stack (a child process with its own stack is rare)
        }
        if (c.has(CloneArgs.CLONE_PARENT_SETTID)) proc.io().put32(c.parentTid(), pid);
        if (c.has(CloneArgs.CLONE_CHILD_SETTID)) child.io().put32(c.childTid(), pid);
        if (c.has(CloneArgs.CLONE_CHILD_CLEARTID)) child.setClearChildTid(c.childTid());
        boolean vfork = c.has(CloneArgs.CLONE_VFORK);
        if (vfork) child.holdVforkParent();
        Engine engine = launcher.newEngine(childMemory);
        ChildRunner.start(child, childCpu, engine);
        if (vfork) child.awaitVforkRelease();
        return pid;
    }
}
