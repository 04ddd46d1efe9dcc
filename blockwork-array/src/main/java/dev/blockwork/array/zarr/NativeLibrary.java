package dev.blockwork.array.zarr;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.Optional;

/**
 * A system compression library loaded through FFM (the Debian packages {@code libblosc1}, {@code libzstd1},
 * {@code liblz4-1}), looked up once per JVM on first use. When it is absent, every use throws a
 * {@link CodecUnavailableException} naming the library and the package that provides it, so that a Zarr array whose
 * codec is missing says what to install instead of failing obscurely.
 *
 * <p>Calls pass Java heap arrays straight to C ({@link Linker.Option#critical(boolean) critical} with heap access):
 * no copies into native memory, no allocation per call. These functions are short, non-blocking and do not call
 * back into Java, which is what a critical downcall requires.
 */
final class NativeLibrary {
    private final String codec, packageName;
    private final List<String> sonames;
    private final SymbolLookup lookup; // null when the library is absent
    private final String failure;

    @SuppressWarnings("restricted") // FFM library lookup: the JVM is started with --enable-native-access (see module-info)
    private NativeLibrary(String codec, String packageName, List<String> sonames) {
        this.codec = codec;
        this.packageName = packageName;
        this.sonames = sonames;
        SymbolLookup found = null;
        StringBuilder why = new StringBuilder();
        for (String so : sonames) {
            try {
                found = SymbolLookup.libraryLookup(so, Arena.global());
                break;
            } catch (IllegalArgumentException e) {
                why.append(why.isEmpty() ? "" : "; ").append(e.getMessage());
            }
        }
        this.lookup = found;
        this.failure = why.toString();
    }

    static NativeLibrary load(String codec, String packageName, String... sonames) {
        return new NativeLibrary(codec, packageName, List.of(sonames));
    }

    boolean available() { return lookup != null; }

    /** Throws the "install this package" error when the library is absent. */
    void require() {
        if (lookup == null) {
            throw new CodecUnavailableException("the Zarr codec '" + codec + "' needs the native library " + String.join(" or ", sonames)
                    + ", which is not on this machine (" + failure + "): install the package " + packageName
                    + " (Debian/Ubuntu: apt-get install " + packageName + ")", packageName);
        }
    }

    /** A downcall handle for {@code name}, critical with heap access. */
    @SuppressWarnings("restricted") // FFM downcall, as above
    MethodHandle function(String name, FunctionDescriptor d) {
        require();
        Optional<java.lang.foreign.MemorySegment> s = lookup.find(name);
        if (s.isEmpty()) {
            throw new CodecUnavailableException("the native library " + sonames.getFirst() + " for Zarr codec '" + codec
                    + "' has no function " + name + ": install a recent " + packageName, packageName);
        }
        return Linker.nativeLinker().downcallHandle(s.get(), d, Linker.Option.critical(true));
    }
}
