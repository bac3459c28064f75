package org.jtcg.core.memory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The soft TLBs of one address space, one per JVM thread that accesses it (guest threads run in parallel,
 * each with its own TLB, as each CPU has its own), and the shoot-down that keeps them all in step with
 * the page table.
 *
 * <p>The first thread to touch the memory owns a TLB found with one compare ({@code Thread.currentThread()
 * == owner}), so a single-threaded guest pays nothing for the rest; further threads get theirs from a
 * {@link ThreadLocal}. Only the owning thread fills a TLB, always under its {@link PagedMemory}'s lock;
 * a change of the page table (also under that lock) flushes the page in every TLB before the lock is let
 * go, so no thread can install a translation older than the change afterwards. A thread that has already
 * matched a tag finishes that one access, which is the only window in which it can use an old
 * translation (a guest that races an access with munmap of the same page gets either outcome on Linux too).
 *
 * <p>A thread that stops using the memory calls {@link #release} (each TLB holds a few MiB of arrays).
 */
final class ThreadTlbs {
    private final SoftTlb ownersTlb = new SoftTlb();
    private final AtomicReference<Thread> owner = new AtomicReference<>();
    /** Every TLB in use, the owner's included (iterated by shoot-downs under the memory lock). */
    private final List<SoftTlb> all = new CopyOnWriteArrayList<>(List.of(ownersTlb));
    private final ThreadLocal<SoftTlb> others = new ThreadLocal<>();

    /** The calling thread's TLB (created on its first access). */
    SoftTlb current() {
        if (Thread.currentThread() == owner.get()) { // get(), not getPlain(): a field read, where C1 leaves getPlain's VarHandle as calls
            return ownersTlb;
        }
        return currentSlow();
    }

    private SoftTlb currentSlow() {
        Thread me = Thread.currentThread();
        if (owner.get() == me || owner.compareAndSet(null, me)) {
            return ownersTlb;
        }
        SoftTlb t = others.get();
        if (t == null) {
            t = new SoftTlb();
            all.add(t);   // before its first fill, which happens under the memory lock like every shoot-down
            others.set(t);
        }
        return t;
    }

    /** Number of TLBs in use (tests). */
    int count() {
        return all.size();
    }

    /** Shoot-down of one page in every thread's TLB (caller holds the memory lock). */
    void flushPage(long va) {
        for (SoftTlb t : all) {
            t.flushPage(va);
        }
    }

    /** Stores to the page take the slow path in every thread from now on (it holds translated code; memory lock held). */
    void dropWrite(long va) {
        int i = SoftTlb.index(va);
        long page = va & GuestMemory.PAGE_MASK;
        for (SoftTlb t : all) {
            if (t.writeTag[i] == page) {
                t.dropWrite(i);
            } else {
                t.bumpGeneration(); // the entry holds another page, but JIT code may still cache this one for stores
            }
        }
    }

    /** The calling thread no longer accesses this memory: its TLB is dropped (the owner's is emptied and freed for another thread). */
    void release() {
        Thread me = Thread.currentThread();
        if (owner.get() == me) {
            ownersTlb.flushAll();
            owner.set(null);
            return;
        }
        SoftTlb t = others.get();
        if (t != null) {
            all.remove(t);
            others.remove();
        }
    }
}
