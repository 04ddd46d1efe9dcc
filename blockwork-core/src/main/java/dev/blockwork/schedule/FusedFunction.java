package dev.blockwork.schedule;

import dev.blockwork.graph.Key;
import dev.blockwork.graph.TaskFunction;

/**
 * A linear chain of tasks run as one task (made by {@link Planner}'s fuse step). Step 0 receives the
 * fused task's resolved arguments; each later step's template holds literals and {@link #PREVIOUS},
 * replaced by the previous step's result. A failure is reported as a {@link StepFailure} naming the
 * step's own key, so errors still say which original task failed.
 */
final class FusedFunction implements TaskFunction {
    private static final long serialVersionUID = 1L;

    /** Marker in a step template: "the previous step's result". */
    static final Object PREVIOUS = new Previous();

    private static final class Previous implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private Object readResolve() { return PREVIOUS; }
        @Override public String toString() { return "<previous>"; }
    }

    /** A failure inside step {@code step} of a fused chain. */
    static final class StepFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final Key key;
        final String label;
        StepFailure(Key key, String label, Throwable cause) {
            super(cause.toString(), cause, false, false);
            this.key = key;
            this.label = label;
        }
    }

    private final Key[] keys;
    private final String[] labels;
    private final TaskFunction[] functions;
    private final Object[][] templates;

    FusedFunction(Key[] keys, String[] labels, TaskFunction[] functions, Object[][] templates) {
        this.keys = keys;
        this.labels = labels;
        this.functions = functions;
        this.templates = templates;
    }

    int length() { return functions.length; }

    @Override
    public Object apply(Object[] args) throws Exception {
        Object prev;
        try {
            prev = functions[0].apply(args);
        } catch (Throwable t) {
            throw new StepFailure(keys[0], labels[0], t);
        }
        for (int s = 1; s < functions.length; s++) {
            Object[] t = templates[s];
            Object[] a = new Object[t.length];
            // instanceof, not identity: serializers such as Kryo do not call readResolve
            for (int p = 0; p < t.length; p++) a[p] = t[p] instanceof Previous ? prev : t[p];
            try {
                prev = functions[s].apply(a);
            } catch (Throwable e) {
                throw new StepFailure(keys[s], labels[s], e);
            }
        }
        return prev;
    }
}
