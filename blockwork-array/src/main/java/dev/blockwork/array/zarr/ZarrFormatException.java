package dev.blockwork.array.zarr;

import java.io.IOException;

/**
 * A Zarr store that is not what its metadata promises, or metadata this reader does not take: bad JSON, an
 * unknown codec or dtype, a truncated or wrongly sized chunk. The message names the file and says what was expected.
 */
public final class ZarrFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /**
     * A format error.
     *
     * @param message what was wrong, where, and what was expected
     */
    public ZarrFormatException(String message) { super(message); }

    /**
     * A format error with its cause.
     *
     * @param message what was wrong, where, and what was expected
     * @param cause   the underlying error (a JSON or codec failure)
     */
    public ZarrFormatException(String message, Throwable cause) { super(message, cause); }
}
