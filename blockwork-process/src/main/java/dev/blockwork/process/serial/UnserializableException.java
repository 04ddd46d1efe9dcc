package dev.blockwork.process.serial;

/** A task or value could not be serialized; names the offending class (and the task when known). */
public class UnserializableException extends IllegalArgumentException {
    /** Binary name of the class that could not be serialized. */
    private final String offendingClass;

    /**
     * An exception naming what could not be serialized and why.
     *
     * @param offendingClass binary name of the class that could not be serialized
     * @param what           what was being serialized, e.g. {@code the task ... of worker w}
     * @param cause          the serializer's own exception
     */
    public UnserializableException(String offendingClass, String what, Throwable cause) {
        super("cannot serialize " + what + ": class " + offendingClass
                + " is not serializable (implement java.io.Serializable, or pass a value that is)", cause);
        this.offendingClass = offendingClass;
    }

    /** {@return the binary name of the class that could not be serialized} */
    public String offendingClass() { return offendingClass; }
}
