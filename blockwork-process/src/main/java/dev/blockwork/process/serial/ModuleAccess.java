package dev.blockwork.process.serial;

import java.lang.reflect.InaccessibleObjectException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An application on the module path whose package is not open to the serializer: one sentence saying which line
 * to add to its {@code module-info.java}, in place of a reflection trace three Kryo frames deep.
 */
final class ModuleAccess {
    private static final Pattern NOT_OPEN = Pattern.compile("module (\\S+) does not \"opens (\\S+)\" to (unnamed module|module (\\S+))");

    private ModuleAccess() {}

    /** The explanation if {@code e} was caused by an application's package that is not open to the reader, else null. */
    static IllegalStateException explain(Throwable e, String doing) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (!(t instanceof InaccessibleObjectException)) continue;
            Matcher m = NOT_OPEN.matcher(String.valueOf(t.getMessage()));
            if (!m.find()) return null;
            String module = m.group(1), pkg = m.group(2);
            // The JDK's own classes are not the application's to open: their usual "not serializable" error stands.
            if (module.startsWith("java.") || module.startsWith("jdk.")) return null;
            String to = "dev.blockwork.process, com.esotericsoftware.kryo";
            if (m.group(4) != null && !to.contains(m.group(4))) to += ", " + m.group(4);
            return new IllegalStateException("cannot " + doing + ": module " + module + " does not open package " + pkg
                    + " to Blockwork's serializer; add `opens " + pkg + " to " + to + ";` to module " + module
                    + "'s module-info.java (or run the application from the class path)", e);
        }
        return null;
    }
}
