package dev.blockwork.ndarray;

import dev.blockwork.ndarray.KernelNodes.KNode;
import dev.blockwork.ndarray.KernelOps.KBinary;
import dev.blockwork.ndarray.KernelOps.KUnary;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles a float subtree of kernel nodes into one loop (a hidden class per distinct tree shape, cached),
 * so {@code x + x*2} runs as {@code out[i] = x[i] + x[i]*2.0} instead of one pass per operation over the tile.
 *
 * <p>Implementation overview: the tile engine already avoids full-size temporaries, but each operation is
 * still one pass over the tile buffers, which costs about as much again as the memory traffic for short
 * expressions. Here every maximal subtree of double-valued {@link KUnary}/{@link KBinary} nodes with at
 * least two operations becomes a {@link KFused} node: its boundary operands (array leaves, scalars, and any
 * other node, e.g. a comparison or an integer subtree) are read with {@code readD} as usual, and the
 * generated loop evaluates the whole subtree per element, on the operand stack, with float32 rounding after
 * each float32 operation. C2 compiles the generated loop like a hand-written one. Generation uses the
 * {@code java.lang.classfile} API (final since Java 24); any failure falls back to the unfused nodes.
 */
final class FusedLoopCompiler {
    private static final Map<String, FusedLoop> CACHE = new ConcurrentHashMap<>();
    static volatile boolean enabled = !"false".equalsIgnoreCase(System.getProperty("blockwork.ndarray.fuseLoops"));
    private static final ClassDesc CD_MATH = ClassDesc.of("java.lang.Math");
    private static final ClassDesc CD_ELEMENT_MATH = ClassDesc.of("dev.blockwork.ndarray.ElementMath");
    private static final MethodTypeDesc D_D = MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double);
    private static final MethodTypeDesc DD_D = MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double, ConstantDescs.CD_double);

    private FusedLoopCompiler() {}

    static boolean fusible(KNode n) {
        if (!n.floatKind) return false;
        if (n instanceof KUnary u) return u.op != UnaryOp.NOT;
        return n instanceof KBinary b && b.floatOperands && !b.op.isComparison() && !b.op.isLogical() && b.op != BinaryOp.NEXTAFTER;
    }

    /** Replaces fusible subtrees below and at {@code n}; returns the node to use in place of {@code n}. */
    static KNode fuse(KNode n, int[] ids) {
        if (!enabled) return n;
        if (fusible(n) && countOps(n) >= 2) {
            KFused f = build(n, ids);
            if (f != null) return f;
        }
        switch (n) {
            case KUnary u -> u.a = fuse(u.a, ids);
            case KBinary b -> {
                b.a = fuse(b.a, ids);
                b.b = fuse(b.b, ids);
            }
            case KernelNodes.KCast c -> c.a = fuse(c.a, ids);
            case KernelNodes.KWhere w -> {
                w.c = fuse(w.c, ids);
                w.a = fuse(w.a, ids);
                w.b = fuse(w.b, ids);
            }
            default -> { }
        }
        return n;
    }

    private static int countOps(KNode n) {
        if (!fusible(n)) return 0;
        if (n instanceof KUnary u) return 1 + countOps(u.a);
        KBinary b = (KBinary) n;
        return 1 + countOps(b.a) + countOps(b.b);
    }

    private static KFused build(KNode root, int[] ids) {
        List<KNode> inputs = new ArrayList<>();
        List<Double> consts = new ArrayList<>();
        Map<KNode, Integer> inputIndex = new IdentityHashMap<>();
        StringBuilder key = new StringBuilder();
        shape(root, inputs, consts, inputIndex, key, ids);
        FusedLoop loop;
        try {
            int nConst = consts.size();
            loop = CACHE.computeIfAbsent(key.toString(), k -> generate(root, inputIndex, nConst));
        } catch (RuntimeException | LinkageError e) {
            enabled = false; // never try again in this JVM; the unfused nodes are always correct
            System.getLogger(FusedLoopCompiler.class.getName()).log(System.Logger.Level.WARNING,
                    "fused loop generation failed, using per-operation tiles", e);
            return null;
        }
        double[] c = new double[consts.size()];
        for (int i = 0; i < c.length; i++) c[i] = consts.get(i);
        KFused f = new KFused(root.t, loop, inputs.toArray(new KNode[0]), c);
        f.id = root.id;
        return f;
    }

    /** Collects boundary inputs and constants in visiting order and writes a structural key. */
    private static void shape(KNode n, List<KNode> inputs, List<Double> consts, Map<KNode, Integer> idx, StringBuilder key, int[] ids) {
        if (fusible(n)) {
            if (n instanceof KUnary u) {
                key.append(u.op).append(n.t == DType.FLOAT32 ? "f(" : "(");
                shape(u.a, inputs, consts, idx, key, ids);
            } else {
                KBinary b = (KBinary) n;
                key.append(b.op).append(n.t == DType.FLOAT32 ? "f(" : "(");
                shape(b.a, inputs, consts, idx, key, ids);
                key.append(',');
                shape(b.b, inputs, consts, idx, key, ids);
            }
            key.append(')');
        } else if (n instanceof KernelNodes.KScalar s && s.floatKind) {
            consts.add(s.d);
            key.append('c');
        } else {
            Integer k = idx.get(n);
            if (k == null) {
                idx.put(n, k = inputs.size());
                inputs.add(fuse(n, ids));
            }
            key.append('x').append(k);
        }
    }

    private static FusedLoop generate(KNode root, Map<KNode, Integer> inputIndex, int nConst) {
        int nIn = inputIndex.size();
        // locals: 0 this, 1 in, 2 off, 3 consts, 4 out, 5 outOff, 6 n, 7 i, then (array, offset) per input,
        // then one double (two slots) per constant
        int base = 8;
        ClassDesc self = ClassDesc.of(FusedLoopCompiler.class.getPackageName() + ".FusedLoopImpl");
        ClassDesc cdD1 = ConstantDescs.CD_double.arrayType();
        MethodTypeDesc runType = MethodTypeDesc.of(ConstantDescs.CD_void, cdD1.arrayType(), ConstantDescs.CD_int.arrayType(),
                cdD1, cdD1, ConstantDescs.CD_int, ConstantDescs.CD_int);
        byte[] bytes = ClassFile.of().build(self, cb -> {
            cb.withFlags(ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withInterfaceSymbols(ClassDesc.of(FusedLoop.class.getName()));
            cb.withMethodBody(ConstantDescs.INIT_NAME, ConstantDescs.MTD_void, ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(ConstantDescs.CD_Object, ConstantDescs.INIT_NAME, ConstantDescs.MTD_void).return_());
            cb.withMethodBody("run", runType, ClassFile.ACC_PUBLIC, code -> {
                for (int k = 0; k < nIn; k++) {
                    code.aload(1).loadConstant(k).aaload().astore(base + 2 * k);
                    code.aload(2).loadConstant(k).iaload().istore(base + 2 * k + 1);
                }
                // constants in locals before the loop: consts and out are both double[], so C2 cannot hoist
                // their loads past the stores into out itself (they might alias), which also blocks vectorising
                int constBase = base + 2 * nIn;
                for (int c = 0; c < nConst; c++) {
                    code.aload(3).loadConstant(c).daload().dstore(constBase + 2 * c);
                }
                Label top = code.newLabel(), end = code.newLabel();
                code.iconst_0().istore(7);
                code.labelBinding(top);
                code.iload(7).iload(6).if_icmpge(end);
                code.aload(4).iload(5).iload(7).iadd();
                int[] constCounter = {0};
                emit(code, root, inputIndex, base, constCounter);
                code.dastore();
                code.iinc(7, 1);
                code.goto_(top);
                code.labelBinding(end);
                code.return_();
            });
        });
        try {
            MethodHandles.Lookup l = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (FusedLoop) l.findConstructor(l.lookupClass(), java.lang.invoke.MethodType.methodType(void.class)).invoke();
        } catch (Throwable t) {
            throw new IllegalStateException("cannot define fused loop class", t);
        }
    }

    private static void emit(CodeBuilder code, KNode n, Map<KNode, Integer> inputIndex, int base, int[] constCounter) {
        if (fusible(n)) {
            if (n instanceof KUnary u) {
                emit(code, u.a, inputIndex, base, constCounter);
                switch (u.op) {
                    case NEG -> code.dneg();
                    case ABS -> code.invokestatic(CD_MATH, "abs", D_D);
                    case SQRT -> code.invokestatic(CD_MATH, "sqrt", D_D);
                    case EXP -> code.invokestatic(CD_MATH, "exp", D_D);
                    case LOG -> code.invokestatic(CD_MATH, "log", D_D);
                    case SIN -> code.invokestatic(CD_MATH, "sin", D_D);
                    case COS -> code.invokestatic(CD_MATH, "cos", D_D);
                    case TANH -> code.invokestatic(CD_MATH, "tanh", D_D);
                    case FLOOR -> code.invokestatic(CD_MATH, "floor", D_D);
                    case CEIL -> code.invokestatic(CD_MATH, "ceil", D_D);
                    case ROUND -> code.invokestatic(CD_MATH, "rint", D_D);
                    case TAN -> code.invokestatic(CD_MATH, "tan", D_D);
                    case ARCSIN -> code.invokestatic(CD_MATH, "asin", D_D);
                    case ARCCOS -> code.invokestatic(CD_MATH, "acos", D_D);
                    case ARCTAN -> code.invokestatic(CD_MATH, "atan", D_D);
                    case SINH -> code.invokestatic(CD_MATH, "sinh", D_D);
                    case COSH -> code.invokestatic(CD_MATH, "cosh", D_D);
                    case LOG1P -> code.invokestatic(CD_MATH, "log1p", D_D);
                    case EXPM1 -> code.invokestatic(CD_MATH, "expm1", D_D);
                    case LOG10 -> code.invokestatic(CD_MATH, "log10", D_D);
                    case LOG2 -> code.invokestatic(CD_ELEMENT_MATH, "log2", D_D);
                    case SIGN -> code.invokestatic(CD_ELEMENT_MATH, "sign", D_D);
                    case TRUNC -> code.invokestatic(CD_ELEMENT_MATH, "trunc", D_D);
                    case CBRT -> code.invokestatic(CD_MATH, "cbrt", D_D);
                    case EXP2 -> code.invokestatic(CD_ELEMENT_MATH, "exp2", D_D);
                    case ARCSINH -> code.invokestatic(CD_ELEMENT_MATH, "asinh", D_D);
                    case ARCCOSH -> code.invokestatic(CD_ELEMENT_MATH, "acosh", D_D);
                    case ARCTANH -> code.invokestatic(CD_ELEMENT_MATH, "atanh", D_D);
                    case I0 -> code.invokestatic(CD_ELEMENT_MATH, "i0", D_D);
                    case NOT -> throw new IllegalStateException("not is not a float op");
                }
            } else {
                KBinary b = (KBinary) n;
                emit(code, b.a, inputIndex, base, constCounter);
                emit(code, b.b, inputIndex, base, constCounter);
                switch (b.op) {
                    case ADD -> code.dadd();
                    case SUB -> code.dsub();
                    case MUL -> code.dmul();
                    case DIV -> code.ddiv();
                    case POW -> code.invokestatic(CD_ELEMENT_MATH, "pow", DD_D);
                    case ARCTAN2 -> code.invokestatic(CD_MATH, "atan2", DD_D);
                    case HYPOT -> code.invokestatic(CD_MATH, "hypot", DD_D);
                    case MOD -> code.invokestatic(CD_ELEMENT_MATH, "mod", DD_D);
                    case FLOOR_DIV -> code.invokestatic(CD_ELEMENT_MATH, "floorDivide", DD_D);
                    case COPYSIGN -> code.invokestatic(CD_MATH, "copySign", DD_D);
                    case FMOD -> code.drem();
                    case NEXTAFTER -> throw new IllegalStateException("nextafter is not fused (float32 steps need float ulps)");
                    case MIN -> code.invokestatic(CD_MATH, "min", DD_D);
                    case MAX -> code.invokestatic(CD_MATH, "max", DD_D);
                    default -> throw new IllegalStateException(b.op + " is not a float op");
                }
            }
            if (n.t == DType.FLOAT32) code.d2f().f2d();
        } else if (n instanceof KernelNodes.KScalar s && s.floatKind) {
            code.dload(base + 2 * inputIndex.size() + 2 * constCounter[0]++);
        } else {
            int k = inputIndex.get(n);
            code.aload(base + 2 * k).iload(base + 2 * k + 1).iload(7).iadd().daload();
        }
    }

    /** A fused float subtree: reads its boundary inputs, then runs the generated loop once per tile. */
    static final class KFused extends KNode {
        final FusedLoop loop;
        final KNode[] inputs;
        final double[] consts;

        KFused(DType t, FusedLoop loop, KNode[] inputs, double[] consts) {
            super(t);
            this.loop = loop;
            this.inputs = inputs;
            this.consts = consts;
            if (inputs.length == 0) {
                // no operands but constants: every element is the value the loop computes for one element
                double[] one = new double[1];
                loop.run(new double[0][], new int[0], consts, one, 0, 1);
                constant = one[0];
                isConstant = true;
            } else {
                constant = 0;
                isConstant = false;
            }
        }

        final boolean isConstant;
        final double constant;

        @Override
        boolean isConstantD() { return isConstant; }

        @Override
        double constantD() { return constant; }

        @Override
        void computeD(Tile tile, double[] dst, int off) {
            double[][] arrs = tile.fusedArrays(id, inputs.length);
            int[] offs = tile.fusedOffsets(id, inputs.length);
            for (int k = 0; k < inputs.length; k++) {
                arrs[k] = inputs[k].readD(tile);
                offs[k] = tile.roff;
            }
            loop.run(arrs, offs, consts, dst, off, tile.len);
        }
    }
}
