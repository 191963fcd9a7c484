package dev.episodic.connect.common.task;

/** A wait that {@link #wake()} ends early, so {@code stop()} never has to wait out a poll interval. */
public final class Waiter {
    private final Object monitor = new Object();
    private boolean woken;

    /** Waits up to {@code millis}; returns at once if woken since the last wait. */
    public void await(final long millis) throws InterruptedException {
        if (millis <= 0) {
            return;
        }
        long deadline = System.nanoTime() + millis * 1_000_000L;
        synchronized (monitor) {
            while (!woken) {
                // Wait out the sub-millisecond rest too: returning early would make the caller spin until the
                // millisecond clock it compares against catches up.
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                monitor.wait(left / 1_000_000L, (int) (left % 1_000_000L));
            }
            woken = false;
        }
    }

    public void wake() {
        synchronized (monitor) {
            woken = true;
            monitor.notifyAll();
        }
    }
}
