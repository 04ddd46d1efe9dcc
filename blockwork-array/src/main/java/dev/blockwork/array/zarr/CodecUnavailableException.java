package dev.blockwork.array.zarr;

/**
 * A Zarr codec whose native library is not installed on this machine; the message and {@link #packageName()} name
 * the system package that provides it (for example {@code libblosc1}).
 */
public final class CodecUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    /** The system package that provides the missing library. */
    private final String packageName;

    CodecUnavailableException(String message, String packageName) {
        super(message);
        this.packageName = packageName;
    }

    /**
     * The Debian/Ubuntu package to install, such as {@code libblosc1}, {@code libzstd1} or {@code liblz4-1}.
     *
     * @return the package name
     */
    public String packageName() { return packageName; }
}
