// zlib, for the deflated members of .npz files.
#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <zlib.h>
/// inflateInit2 is a macro: raw deflate (no zlib header) with a 32 KiB window.
static inline int czlib_inflate_init_raw(z_stream *stream) { return inflateInit2(stream, -MAX_WBITS); }
#endif
