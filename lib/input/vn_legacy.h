/* The legacy 8-bit Vietnamese encodings TCVN3 (ABC) and VNI as tables:
 * shared by the transcoder (encoding: tcvn3 or vni) and by the check that
 * spots such text stored as Windows-1252 mojibake (clean.legacy_encoding).
 * Both work on code points, a byte b being U+00bb. */
#ifndef DQA_VN_LEGACY_H
#define DQA_VN_LEGACY_H

#include <stddef.h>
#include <utf8proc.h>

/* The letter a TCVN3 byte 0xA1-0xFE stands for, or 0 (not a letter). */
utf8proc_int32_t vn_tcvn3_letter(utf8proc_int32_t byte);

/* The index of the VNI mark `mark` following `base`, or -1 when the pair
 * is not a VNI letter. Mark and base share a case. */
int vn_vni_mark(utf8proc_int32_t base, utf8proc_int32_t mark);

/* Whether a VNI mark may follow b: a decoder seeing b last in its input
 * waits for the next byte. */
int vn_vni_is_base(utf8proc_int32_t b);

/* Appends to out[*n] the code points cur stands for in VNI (a base letter
 * and up to three combining marks, in canonical order, or one letter);
 * returns how many input code points it used: 2 when next is cur's mark. */
size_t vn_vni_decode_one(utf8proc_int32_t cur, utf8proc_int32_t next,
			 utf8proc_int32_t *out, size_t *n);

#endif
