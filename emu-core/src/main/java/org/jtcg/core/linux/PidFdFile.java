package org.jtcg.core.linux;

/**
 * A pidfd (pidfd_open): a descriptor for one process, usable with pidfd_send_signal, waitid(P_PIDFD) and
 * poll/epoll, where it becomes readable (POLLIN) once the process has ended, reaped or not, as on Linux.
 * Reading it is EINVAL.
 */
final class PidFdFile extends OpenFile {
    final LinuxProcess process;

    PidFdFile(LinuxProcess process) {
        super(OpenFlags.O_RDWR);
        this.process = process;
    }

    @Override
    public int pollReady() {
        return process.exited() ? POLLIN : 0;
    }

    @Override
    public long wakeups() {
        return process.exited() ? 1 : 0;
    }

    @Override
    public FileStat stat() {
        return FileStat.synthetic(0600, 0, 0, 0);   // anonymous inode
    }

    @Override
    protected void closeHost() {
    }
}
