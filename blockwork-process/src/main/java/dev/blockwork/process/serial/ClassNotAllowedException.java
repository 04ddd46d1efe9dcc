package dev.blockwork.process.serial;

/** Deserialization met a class that is neither allowed nor registered (see {@link ClassAllowList}). */
public class ClassNotAllowedException extends SecurityException {
    /**
     * An exception whose message says why {@code className} is refused and, unless it is always refused, how to
     * allow it.
     *
     * @param className the refused class's name (or array descriptor)
     */
    public ClassNotAllowedException(String className) {
        super(message(className));
    }

    private static String message(String className) {
        if (ClassAllowList.isDenied(className)) {
            return "deserialization of class " + ClassAllowList.elementName(className) + " is refused: reading it has side effects"
                    + " (it may resolve host names, open connections or run code), so no setting allows it; send something"
                    + " else in its place (a String for a URL or an address, a path as a String)";
        }
        return "deserialization of class " + className + " is not allowed: this JVM never sent it, no function it sent declares it"
                + " as its result type (or a field of one), and no pattern allows it; allow it with ClassAllowList.allow(\""
                + className + "\") or -D" + ClassAllowList.PROPERTY + "=<pattern>,... (patterns: a.b.C, a.b.*, a.b.**)";
    }
}
