package io.healthmon.launcher;

/**
 * A part that is one child process of the launcher (the server, the agent), started again by the
 * same means as at first.
 */
final class SupervisedChild implements Supervisor.Part {

    /** Starts the child and returns it once it is ready; the child is stopped and an exception thrown when it is not. */
    @FunctionalInterface
    interface Start {
        ChildProcess start() throws Exception;
    }

    private final String name;
    private final Start start;
    private volatile ChildProcess current;

    SupervisedChild(String name, ChildProcess started, Start start) {
        this.name = name;
        this.current = started;
        this.start = start;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ProcessHandle running() {
        return current.process().toHandle();
    }

    @Override
    public String howItEnded() {
        Process process = current.process();
        if (process.isAlive()) {
            return "is running";
        }
        int status = process.exitValue();
        // 128 + n is how a shell reports death by signal n; Java's Process reports it the same way.
        return status > 128 ? "was killed (signal " + (status - 128) + ")" : "exited with status " + status;
    }

    @Override
    public void restart() throws Exception {
        current = start.start();
    }

    @Override
    public String logTail() {
        return current.tail(20);
    }
}
