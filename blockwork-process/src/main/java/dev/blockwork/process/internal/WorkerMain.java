package dev.blockwork.process.internal;

import dev.blockwork.process.WorkerTask;
import dev.blockwork.process.serial.Serialization;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Entry point of every worker JVM. Reads one length-prefixed serialized {@link WorkerTask} from stdin (the
 * application classes it lacks come from the parent: {@link CodeBridge}), runs it and exits: status 0 when it returned, 1 when it threw (stack trace on stderr),
 * 2 when the task could not be read. A watcher halts the worker when its parent process exits, so
 * workers never outlive their parent.
 */
public final class WorkerMain {
    public static final String PARENT_PID_PROPERTY = "blockwork.parent.pid";
    public static final int EXIT_OK = 0, EXIT_TASK_FAILED = 1, EXIT_BAD_TASK = 2, EXIT_PARENT_DIED = 3;

    private WorkerMain() {}

    public static void main(String[] args) {
        watchParent();
        WorkerTask task;
        try {
            task = readTask(System.in);
        } catch (Throwable t) {
            System.err.println("blockwork worker " + ProcessHandle.current().pid() + ": cannot read its task: " + t);
            t.printStackTrace();
            System.exit(EXIT_BAD_TASK);
            return;
        }
        try {
            task.run();
        } catch (Throwable t) {
            t.printStackTrace();
            System.err.flush();
            System.exit(EXIT_TASK_FAILED);
        }
        System.out.flush();
        System.exit(EXIT_OK);
    }

    static WorkerTask readTask(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int n = d.readInt();
        byte[] b = new byte[n];
        d.readFully(b);
        return (WorkerTask) Serialization.get().deserialize(b);
    }

    private static void watchParent() {
        String p = System.getProperty(PARENT_PID_PROPERTY);
        if (p == null) return;
        ProcessHandle.of(Long.parseLong(p)).ifPresentOrElse(
                h -> h.onExit().thenRun(() -> Runtime.getRuntime().halt(EXIT_PARENT_DIED)),
                () -> Runtime.getRuntime().halt(EXIT_PARENT_DIED));
    }
}
