package dev.blockwork.ndarray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes NumPy {@code .npy} files (layout in {@link NpyDescriptor}).
 *
 * <p>Reading accepts versions 1.0/2.0/3.0, the five {@link DType}s in either byte order, C or Fortran order
 * (a Fortran file becomes a column-major view, no reordering copy) and 0-d arrays. A file that is not valid
 * NPY throws IllegalArgumentException naming the file and what was wrong; I/O errors stay IOExceptions
 * (wrapped in UncheckedIOException).
 *
 * <p>Writing produces version 1.0 (2.0 if the header needs it), little-endian, C order, and goes through a
 * temporary file in the same directory that is atomically moved into place, so a full disk or a crash never
 * leaves a truncated file under the target name.
 */
public final class Npy {
    private Npy() {}

    /**
     * Reads a whole {@code .npy} file into a new array, as {@code np.load}.
     *
     * @param path the file
     * @return its array: C-contiguous, or a column-major view for a Fortran-order file
     * @throws IllegalArgumentException naming the file and the fault, if it is not valid NPY or is truncated
     * @throws UncheckedIOException     if reading fails
     */
    public static NDArray read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            String where = path.toString();
            NpyDescriptor d = readDescriptor(ch, where);
            long n = Shapes.size(d.shape());
            long need = n * d.dtype().itemSize(), have = ch.size() - d.dataOffset();
            if (have < need) {
                throw new IllegalArgumentException(where + ": truncated NPY data, " + have + " bytes for shape "
                        + Shapes.format(d.shape()) + " of " + d.dtype().descr() + ", expected " + need);
            }
            long[] storageShape = d.fortranOrder() ? reverse(d.shape()) : d.shape();
            NDArray a = NDArray.zeros(d.dtype(), storageShape);
            ByteBuffer buf = ByteBuffer.allocate((int) need).order(d.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            ch.position(d.dataOffset());
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) throw new IllegalArgumentException(where + ": unexpected end of NPY data");
            }
            buf.flip();
            switch (d.dtype()) {
                case FLOAT64 -> buf.asDoubleBuffer().get((double[]) a.data);
                case FLOAT32 -> buf.asFloatBuffer().get((float[]) a.data);
                case INT64 -> buf.asLongBuffer().get((long[]) a.data);
                case INT32 -> buf.asIntBuffer().get((int[]) a.data);
                case BOOL -> {
                    boolean[] b = (boolean[]) a.data;
                    for (int i = 0; i < b.length; i++) b[i] = buf.get(i) != 0;
                }
                case COMPLEX128 -> buf.asDoubleBuffer().get((double[]) a.data); // '<c16' is interleaved re, im
            }
            return d.fortranOrder() ? a.transpose() : a;
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    /**
     * Just the header of an NPY file (dtype, order, shape, data offset); the data is not read.
     *
     * @param path the file
     * @return its header
     * @throws IllegalArgumentException naming the file and the fault, if the header is not valid NPY
     * @throws UncheckedIOException     if reading fails
     */
    public static NpyDescriptor readDescriptor(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            return readDescriptor(ch, path.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + path, e);
        }
    }

    private static NpyDescriptor readDescriptor(FileChannel ch, String where) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(NpyDescriptor.PREAMBLE_BYTES);
        while (pre.hasRemaining() && ch.read(pre) >= 0) { }
        if (pre.position() < 10) throw new IllegalArgumentException(where + " is not an NPY file: only " + pre.position() + " bytes");
        int field = NpyDescriptor.checkPreamble(pre, where);
        long len = NpyDescriptor.headerLength(pre, field);
        long start = 8 + field;
        if (start + len > ch.size()) {
            throw new IllegalArgumentException(where + ": NPY header length " + len + " runs past the end of the file (" + ch.size() + " bytes)");
        }
        ByteBuffer h = ByteBuffer.allocate((int) len);
        ch.position(start);
        while (h.hasRemaining() && ch.read(h) >= 0) { }
        String header = new String(h.array(), pre.get(NpyDescriptor.MAJOR_OFFSET) == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return NpyDescriptor.parseHeader(header, start + len, where);
    }

    /**
     * Writes {@code a} as little-endian C-order NPY, atomically replacing {@code path}, as {@code np.save}.
     *
     * @param path the file to create or replace
     * @param a    the array, of any dtype and layout (a view is written as a C-order copy)
     * @throws UncheckedIOException if writing fails; {@code path} is then as it was
     */
    public static void write(Path path, NDArray a) {
        NDArray c = a.contiguous();
        byte[] header = NpyDescriptor.encode(c.dtype, c.shape, false);
        int n = (int) c.size();
        ByteBuffer data = ByteBuffer.allocate(n * c.dtype.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
        if (n > 0) switch (c.dtype) {
            case FLOAT64 -> data.asDoubleBuffer().put((double[]) c.data, c.offset, n);
            case FLOAT32 -> data.asFloatBuffer().put((float[]) c.data, c.offset, n);
            case INT64 -> data.asLongBuffer().put((long[]) c.data, c.offset, n);
            case INT32 -> data.asIntBuffer().put((int[]) c.data, c.offset, n);
            case BOOL -> {
                boolean[] b = (boolean[]) c.data;
                for (int i = 0; i < n; i++) data.put(i, (byte) (b[c.offset + i] ? 1 : 0));
            }
            case COMPLEX128 -> data.asDoubleBuffer().put((double[]) c.data, 2 * c.offset, 2 * n);
        }
        Path abs = path.toAbsolutePath();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName(), ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer hb = ByteBuffer.wrap(header);
                while (hb.hasRemaining()) ch.write(hb);
                while (data.hasRemaining()) ch.write(data);
                ch.force(true);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + path, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the original failure is what the caller needs
                }
            }
        }
    }

    private static long[] reverse(long[] s) {
        long[] r = new long[s.length];
        for (int i = 0; i < s.length; i++) r[i] = s[s.length - 1 - i];
        return r;
    }
}
