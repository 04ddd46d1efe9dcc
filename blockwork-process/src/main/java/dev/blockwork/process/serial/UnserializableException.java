package dev.blockwork.process.serial;

/** A task or value could not be serialized; names the offending class (and the task when known). */
public class UnserializableException extends IllegalArgumentException {
    private final String offendingClass;

    public UnserializableException(String offendingClass, String what, Throwable cause) {
        super("cannot serialize " + what + ": class " + offendingClass
                + " is not serializable (implement java.io.Serializable, or pass a value that is)", cause);
        this.offendingClass = offendingClass;
    }

    /** Binary name of the class that could not be serialized. */
    public String offendingClass() { return offendingClass; }
}
