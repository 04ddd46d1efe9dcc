package dev.blockwork.ndarray;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NPY file layout (NumPy's {@code numpy/lib/format.py}, format versions 1.0, 2.0 and 3.0).
 *
 * <pre>
 *   0       6   7   8              8+L (L = 2 for v1.0, 4 for v2.0/v3.0)
 *   +-------+---+---+--------------+-------------------------------------------+------------------
 *   |\x93NUMPY|maj|min| header length| header: Python dict literal, ASCII (v1/v2) | data: C or Fortran
 *   | magic |   |   | uint16/uint32 | or UTF-8 (v3), space-padded, ends '\n';  | order, itemsize
 *   |       |   |   | little-endian | magic+version+length+header ≡ 0 mod 64   | bytes per element
 *   +-------+---+---+--------------+-------------------------------------------+------------------
 *   header example: {'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }
 * </pre>
 * 1-tuples keep the comma {@code (3,)}; a 0-d array has shape {@code ()}.
 *
 * @param dtype        element type
 * @param bigEndian    byte order of the data ('&gt;' in descr)
 * @param fortranOrder column-major data
 * @param shape        array shape
 * @param dataOffset   byte position where the data starts
 */
public record NpyDescriptor(DType dtype, boolean bigEndian, boolean fortranOrder, long[] shape, long dataOffset) {
    public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    public static final int MAJOR_OFFSET = 6;
    public static final int MINOR_OFFSET = 7;
    public static final int HEADER_LENGTH_OFFSET = 8;
    public static final int ALIGNMENT = 64;
    /** Bytes needed to read magic, version and the widest header-length field. */
    public static final int PREAMBLE_BYTES = 12;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** Checks the magic and version; returns the header length field's size in bytes (2 or 4). */
    static int checkPreamble(ByteBuffer pre, String where) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (pre.get(i) != MAGIC[i]) {
                throw new IllegalArgumentException(where + " is not an NPY file: bad magic, expected \\x93NUMPY");
            }
        }
        int major = pre.get(MAJOR_OFFSET), minor = pre.get(MINOR_OFFSET);
        if (major == 1 && minor == 0) return 2;
        if ((major == 2 || major == 3) && minor == 0) return 4;
        throw new IllegalArgumentException(where + ": unsupported NPY format version " + major + "." + minor
                + ", expected 1.0, 2.0 or 3.0");
    }

    /** Header length from the preamble (little-endian uint16 or uint32). */
    static long headerLength(ByteBuffer pre, int fieldBytes) {
        ByteBuffer b = pre.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return fieldBytes == 2 ? Short.toUnsignedInt(b.getShort(HEADER_LENGTH_OFFSET)) : Integer.toUnsignedLong(b.getInt(HEADER_LENGTH_OFFSET));
    }

    /** Parses the header dict text. */
    static NpyDescriptor parseHeader(String header, long dataOffset, String where) {
        Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IllegalArgumentException(where + ": malformed NPY header, expected keys 'descr' (a string), "
                    + "'fortran_order' and 'shape', got: " + header.strip());
        }
        String descr = d.group(1);
        char order = descr.isEmpty() ? '?' : descr.charAt(0);
        if (order != '<' && order != '>' && order != '|' && order != '=') {
            throw new IllegalArgumentException(where + ": unsupported dtype descr '" + descr + "' (no byte-order mark)");
        }
        DType t;
        try {
            t = DType.fromDescr(descr);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        String[] parts = s.group(1).split(",");
        long[] shape = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String q = p.strip();
            if (q.isEmpty()) continue;
            try {
                shape[n++] = Long.parseLong(q.endsWith("L") ? q.substring(0, q.length() - 1) : q);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": bad shape entry '" + q + "' in NPY header " + header.strip(), e);
            }
            if (shape[n - 1] < 0) throw new IllegalArgumentException(where + ": negative extent in shape (" + s.group(1) + ")");
        }
        return new NpyDescriptor(t, order == '>' && t != DType.BOOL, f.group(1).equals("True"), java.util.Arrays.copyOf(shape, n), dataOffset);
    }

    /** The complete preamble + padded header for writing, choosing version 1.0 unless the header needs 2.0. */
    static byte[] encode(DType t, long[] shape, boolean fortranOrder) {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) sh.append(", ");
            sh.append(shape[i]);
        }
        if (shape.length == 1) sh.append(',');
        sh.append(')');
        String dict = "{'descr': '" + t.descr() + "', 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + sh + ", }";
        int fieldBytes = 2;
        int total = pad(MAGIC.length + 2 + fieldBytes + dict.length() + 1);
        if (total - MAGIC.length - 2 - fieldBytes > 0xFFFF) {
            fieldBytes = 4;
            total = pad(MAGIC.length + 2 + fieldBytes + dict.length() + 1);
        }
        int headerLen = total - MAGIC.length - 2 - fieldBytes;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (fieldBytes == 2 ? 1 : 2)).put((byte) 0);
        if (fieldBytes == 2) b.putShort((short) headerLen);
        else b.putInt(headerLen);
        byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
        b.put(text);
        while (b.position() < total - 1) b.put((byte) ' ');
        b.put((byte) '\n');
        return b.array();
    }

    private static int pad(int n) { return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT; }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyDescriptor d && d.dtype == dtype && d.bigEndian == bigEndian && d.fortranOrder == fortranOrder
                && java.util.Arrays.equals(d.shape, shape) && d.dataOffset == dataOffset;
    }

    @Override
    public int hashCode() { return java.util.Objects.hash(dtype, bigEndian, fortranOrder, java.util.Arrays.hashCode(shape), dataOffset); }

    @Override
    public String toString() {
        return "NpyDescriptor[" + dtype.descr() + (bigEndian ? " big-endian" : "") + (fortranOrder ? " F" : " C") + " "
                + Shapes.format(shape) + " data@" + dataOffset + "]";
    }
}
