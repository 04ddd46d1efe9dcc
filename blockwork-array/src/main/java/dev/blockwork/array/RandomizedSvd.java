package dev.blockwork.array;

import dev.blockwork.ndarray.Shape;
import java.util.List;

/**
 * Dask's {@code svd_compressed}: a rank-{@code k} SVD of a large array by randomised range finding (Halko, Martinsson
 * and Tropp, "Finding structure with randomness", SIAM Review 53(2), 2011, algorithms 4.4 and 5.1), built on
 * {@link DArray#matmul} and {@link Tsqr}.
 *
 * <p>With {@code l = k + oversampling} and a seeded Gaussian test matrix {@code Ω} ({@code n x l}, chunked like
 * {@code a}'s columns): {@code Q = orth(A Ω)}; each power iteration {@code Q = orth(A orth(Aᵀ Q))} (re-orthonormalised
 * every half step, so the singular values' decay is sharpened without losing precision); then
 * {@code Bᵀ = Aᵀ Q} ({@code n x l}, tall-and-skinny) gets a TSQR-based SVD {@code Bᵀ = U_b S V_bᵀ}, so that
 * {@code A ≈ (Q V_b) S U_bᵀ}; the leading {@code k} triplets are returned. {@code orth} is TSQR's {@code Q}.
 *
 * <p>Cost: {@code 2 + 2·nPowerIter} passes over {@code a}, each a matmul with an {@code l}-column matrix
 * ({@code 2 m n l} flops), plus TSQRs of {@code m x l} and {@code n x l} arrays ({@code O((m + n) l²)}). Memory:
 * {@code O((m + n) l)} besides {@code a}'s blocks. Deterministic for a given seed and chunking (the test matrix is
 * generated per block from the seed).
 */
final class RandomizedSvd {
    private RandomizedSvd() {}

    static List<DArray> svdCompressed(DArray a, int k, int nPowerIter, int oversampling, long seed) {
        if (a.ndim() != 2) throw new IllegalArgumentException("svdCompressed: got a " + a.ndim() + "-d array of shape " + a.shape() + ", expected a 2-D matrix");
        long m = a.shape[0], n = a.shape[1];
        if (k < 1 || k > Math.min(m, n)) {
            throw new IllegalArgumentException("svdCompressed: got k = " + k + " for an array of shape " + a.shape() + ", expected 1 <= k <= " + Math.min(m, n));
        }
        if (nPowerIter < 0 || oversampling < 0) {
            throw new IllegalArgumentException("svdCompressed: got nPowerIter = " + nPowerIter + " and oversampling = " + oversampling + ", expected both >= 0");
        }
        long l = Math.min((long) k + oversampling, Math.min(m, n));
        DArray omega = new DRandom(seed).standardNormal(Shape.of(n, l), Chunks.explicit(a.chunks().sizes(1), BlockTasks.one(l)));
        DArray at = a.transpose();
        DArray q = orth(a.matmul(omega));
        for (int i = 0; i < nPowerIter; i++) q = orth(a.matmul(orth(at.matmul(q))));
        List<DArray> usv = Tsqr.svd(at.matmul(q)); // Bᵀ = Aᵀ Q = U_b S V_bᵀ
        DArray u = q.matmul(usv.get(2).transpose());
        return List.of(u.get(":, :" + k), usv.get(1).get(":" + k), usv.get(0).transpose().get(":" + k + ", :"));
    }

    private static DArray orth(DArray y) { return Tsqr.qr(y).get(0); }
}
