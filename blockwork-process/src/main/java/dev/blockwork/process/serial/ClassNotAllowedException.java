package dev.blockwork.process.serial;

/** Deserialization met a class that is neither allowed nor registered (see {@link ClassAllowList}). */
public class ClassNotAllowedException extends SecurityException {
    public ClassNotAllowedException(String className) {
        super("deserialization of class " + className + " is not allowed; allow it with ClassAllowList.allow(\""
                + className + "\") or -D" + ClassAllowList.PROPERTY + "=<pattern>,... (patterns: a.b.C, a.b.*, a.b.**)");
    }
}
