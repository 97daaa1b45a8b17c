// Shim over GMP: gmp.h itself, plus `static inline` functions for the parts of
// GMP's API that are function-like macros, which Swift does not import.
#ifndef CGMP_SHIM_H
#define CGMP_SHIM_H

#include <gmp.h>

#define CGMP_INLINE static inline __attribute__((__always_inline__))

/// `mpz_sgn`: -1, 0 or +1.
CGMP_INLINE int cgmp_mpz_sgn(const __mpz_struct *z) { return mpz_sgn(z); }
/// `mpq_sgn`: -1, 0 or +1.
CGMP_INLINE int cgmp_mpq_sgn(const __mpq_struct *q) { return mpq_sgn(q); }
/// `mpq_numref`: the numerator, in place.
CGMP_INLINE __mpz_struct *cgmp_mpq_numref(__mpq_struct *q) { return mpq_numref(q); }
/// `mpq_denref`: the denominator (always positive), in place.
CGMP_INLINE __mpz_struct *cgmp_mpq_denref(__mpq_struct *q) { return mpq_denref(q); }
/// `mpz_odd_p`.
CGMP_INLINE int cgmp_mpz_odd_p(const __mpz_struct *z) { return mpz_odd_p(z); }
/// `mpz_cmp_si`.
CGMP_INLINE int cgmp_mpz_cmp_si(const __mpz_struct *z, long v) { return mpz_cmp_si(z, v); }
/// `mpq_cmp_si`.
CGMP_INLINE int cgmp_mpq_cmp_si(const __mpq_struct *q, long n, unsigned long d) { return mpq_cmp_si(q, n, d); }
/// The version string of the GMP library linked at run time.
CGMP_INLINE const char *cgmp_version(void) { return gmp_version; }

#endif
